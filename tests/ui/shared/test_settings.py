"""Settings are declared once and come back with their declared types, whatever the backend stored."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings

from ui.shared.settings import ALL_SETTINGS, GEOMETRY, LAST_AGENCY, MAX_RECENT, RECENT_FILES, Settings


def test_defaults_and_round_trip(tmp_path):
    s = Settings.at(tmp_path / "s.ini")
    assert s.get(RECENT_FILES) == [] and s.get(LAST_AGENCY) == "" and s.get(GEOMETRY).isEmpty()
    s.set(LAST_AGENCY, "金殿镇人民政府")
    s.set(GEOMETRY, QByteArray(b"\x01\x02"))
    s.sync()
    again = Settings.at(tmp_path / "s.ini")
    assert again.get(LAST_AGENCY) == "金殿镇人民政府"
    assert bytes(again.get(GEOMETRY)) == b"\x01\x02"


def test_a_single_recent_file_is_still_a_list(tmp_path):
    s = Settings.at(tmp_path / "s.ini")
    s.add_recent(tmp_path / "a.zwgk")
    s.sync()
    assert Settings.at(tmp_path / "s.ini").recent_files() == [str((tmp_path / "a.zwgk").resolve())]


def test_recent_files_newest_first_without_duplicates_and_bounded(tmp_path):
    s = Settings.at(tmp_path / "s.ini")
    for i in range(MAX_RECENT + 3):
        s.add_recent(tmp_path / f"{i}.zwgk")
    s.add_recent(tmp_path / "5.zwgk")
    files = s.recent_files()
    assert len(files) == MAX_RECENT and files[0].endswith("5.zwgk") and len(set(files)) == len(files)
    assert s.remove_recent(files[0]) == files[1:]


def test_foreign_values_fall_back_to_the_default(tmp_path):
    raw = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    raw.setValue(GEOMETRY.key, "not bytes")
    raw.sync()
    assert isinstance(Settings.at(tmp_path / "s.ini").get(GEOMETRY), QByteArray)


def test_every_setting_is_described_and_unique():
    keys = [s.key for s in ALL_SETTINGS]
    assert len(set(keys)) == len(keys)
    assert all(s.description for s in ALL_SETTINGS)
