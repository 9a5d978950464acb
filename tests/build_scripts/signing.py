"""A throw-away code-signing certificate and osslsigncode, for the installer tests: makensis signs through the same
SIGN hook build_windows.ps1 fills with signtool and the county's certificate."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Signer:
    cert: Path
    key: Path
    command: Path  # what installer.nsi's /DSIGN= takes: a program that signs the file named by its argument in place

    def verify(self, program: Path) -> str:
        """osslsigncode's report; raises when the program carries no valid signature by this certificate."""
        done = subprocess.run(["osslsigncode", "verify", "-CAfile", str(self.cert), "-in", str(program)],
                              capture_output=True, text=True)
        assert done.returncode == 0 and "Succeeded" in done.stdout, f"{program}: {done.stdout}{done.stderr}"
        return done.stdout


def make_signer(folder: Path) -> Signer:
    for tool in ("osslsigncode", "openssl"):
        assert shutil.which(tool), f"{tool} is missing: run scripts/bootstrap.sh (it installs it)"
    signer = Signer(folder / "test-cert.pem", folder / "test-key.pem", folder / "sign.sh")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(signer.key), "-out",
                    str(signer.cert), "-subj", "/CN=zwgk test", "-days", "2"], check=True, capture_output=True)
    signer.command.write_text(f'#!/bin/sh\nset -e\nosslsigncode sign -certs "{signer.cert}" -key "{signer.key}" '
                              f'-in "$1" -out "$1.signed"\nmv "$1.signed" "$1"\n', encoding="utf-8")
    signer.command.chmod(0o755)
    return signer
