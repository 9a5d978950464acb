import importlib
import os
import pkgutil
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main(selected: list[str]) -> int:
    import benchmarks

    names = sorted(m.name for m in pkgutil.iter_modules(benchmarks.__path__) if m.name.startswith("bench_"))
    for name in names:
        if selected and not any(s in name for s in selected):
            continue
        module = importlib.import_module(f"benchmarks.{name}")
        for figure, value, unit in module.run():
            print(f"{figure} = {value:.4g} {unit}", flush=True)
    return 0


sys.exit(main(sys.argv[1:]))
