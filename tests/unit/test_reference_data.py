"""The reference and demo data shipped in resources/, the icon set, and the Linux packaging files.

These files are edited by hand when offices move or courts open; the tests catch a typo before it
reaches a letter's address block or a hearing's time zone.
"""

from __future__ import annotations

import ast
import json
import shutil
import string
import struct
import subprocess
import sys
import unicodedata
from functools import cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pytest

ROOT = Path(__file__).resolve().parents[2]
RESOURCES = ROOT / "resources"
REFERENCE = RESOURCES / "reference"
PACKAGING = ROOT / "packaging"

# The 50 states, DC and the territories that have immigration courts or ICE coverage.
US_STATE_CODES = frozenset(
    "AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV "
    "NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC PR VI GU MP AS".split()
)
COURT_KINDS = frozenset(
    {"criminal", "family", "small_claims", "civil", "traffic", "juvenile", "housing"}
)
DEMO_LANGUAGES = ("es", "vi", "zh", "ar", "ht", "ru", "ko", "tl", "pt", "so", "am", "en")
ICON_SIZES = (16, 32, 48, 64, 128, 256, 512)

JSON_FILES = (
    REFERENCE / "ice_field_offices.json",
    REFERENCE / "immigration_courts.json",
    REFERENCE / "courthouses_demo.json",
    RESOURCES / "demo" / "names.json",
)


@cache
def load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def field_offices() -> list[dict[str, Any]]:
    return list(load(REFERENCE / "ice_field_offices.json")["field_offices"])


def immigration_courts() -> list[dict[str, Any]]:
    return list(load(REFERENCE / "immigration_courts.json")["immigration_courts"])


def demo_courthouses() -> list[dict[str, Any]]:
    return list(load(REFERENCE / "courthouses_demo.json")["courthouses"])


def names() -> dict[str, Any]:
    return dict(load(RESOURCES / "demo" / "names.json"))


def field_office_ids() -> set[str]:
    return {office["id"] for office in field_offices()}


def is_valid_zone(key: str) -> bool:
    try:
        ZoneInfo(key)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def assert_has_fields(record: dict[str, Any], required: dict[str, type]) -> None:
    label = record.get("id", record)
    for field, kind in required.items():
        assert field in record, f"{label}: missing {field!r}"
        assert isinstance(record[field], kind), f"{label}: {field!r} should be {kind.__name__}"
        if kind is str:
            assert record[field].strip(), f"{label}: {field!r} is empty"


def assert_zip(record: dict[str, Any]) -> None:
    zip_code = record["zip"]
    digits = zip_code.replace("-", "")
    assert digits.isdigit() and len(zip_code) in (5, 10), f"{record['id']}: bad ZIP {zip_code!r}"


def assert_unique_ids(records: list[dict[str, Any]]) -> None:
    ids = [record["id"] for record in records]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    assert not duplicates, f"duplicate ids: {duplicates}"


# --- every file -----------------------------------------------------------------------------------


@pytest.mark.parametrize("path", JSON_FILES, ids=lambda p: p.name)
def test_json_file_parses_as_utf8(path: Path) -> None:
    data = load(path)
    assert isinstance(data, dict) and data


@pytest.mark.parametrize("path", JSON_FILES[:3], ids=lambda p: p.name)
def test_reference_file_says_when_and_where_from(path: Path) -> None:
    data = load(path)
    assert isinstance(data.get("as_of"), str) and len(data["as_of"]) == 10
    assert "verify" in data.get("source", "")


# --- ICE field offices ----------------------------------------------------------------------------


def test_there_are_25_ice_field_offices() -> None:
    assert len(field_offices()) == 25
    assert_unique_ids(field_offices())


def test_field_offices_have_mailing_fields() -> None:
    required = {
        "id": str,
        "name": str,
        "director_title": str,
        "street": str,
        "city": str,
        "state": str,
        "zip": str,
        "states": list,
    }
    for office in field_offices():
        assert_has_fields(office, required)
        assert office["name"].endswith("Field Office")
        assert office["director_title"] == "Field Office Director"
        assert office["state"] in US_STATE_CODES
        assert_zip(office)
        assert office["states"], f"{office['id']}: empty area of responsibility"
        unknown = set(office["states"]) - US_STATE_CODES
        assert not unknown, f"{office['id']}: unknown state codes {unknown}"


def test_denver_field_office_is_the_one_the_2017_letter_went_to() -> None:
    denver = next(o for o in field_offices() if o["id"] == "denver")
    assert denver["street"] == "12445 E. Caley Avenue"
    assert (denver["city"], denver["state"], denver["zip"]) == ("Centennial", "CO", "80111")
    assert set(denver["states"]) == {"CO", "WY"}


def test_every_state_is_covered_by_some_field_office() -> None:
    covered = {code for office in field_offices() for code in office["states"]}
    states_and_dc = US_STATE_CODES - {"PR", "VI", "GU", "MP", "AS"}
    assert states_and_dc <= covered, sorted(states_and_dc - covered)


def test_a_state_split_between_offices_says_how() -> None:
    offices_by_state: dict[str, list[dict[str, Any]]] = {}
    for office in field_offices():
        for code in office["states"]:
            offices_by_state.setdefault(code, []).append(office)
    for code, offices in offices_by_state.items():
        if len(offices) > 1:
            for office in offices:
                assert office.get("area_note"), (
                    f"{office['id']}: shares {code} without an area_note"
                )


# --- immigration courts ---------------------------------------------------------------------------


def test_immigration_courts_are_complete_records() -> None:
    courts = immigration_courts()
    assert len(courts) >= 60
    assert_unique_ids(courts)
    required = {
        "id": str,
        "name": str,
        "street": str,
        "city": str,
        "state": str,
        "zip": str,
        "time_zone": str,
        "ice_field_office": str,
        "detained_only": bool,
    }
    for court in courts:
        assert_has_fields(court, required)
        assert court["name"].endswith("Immigration Court")
        assert court["state"] in US_STATE_CODES, court["id"]
        assert_zip(court)


def test_immigration_court_time_zones_are_zoneinfo_keys() -> None:
    bad = [
        (c["id"], c["time_zone"]) for c in immigration_courts() if not is_valid_zone(c["time_zone"])
    ]
    assert not bad


def test_immigration_courts_point_at_a_field_office_covering_their_state() -> None:
    offices = {office["id"]: office for office in field_offices()}
    for court in immigration_courts():
        office = offices.get(court["ice_field_office"])
        assert office is not None, (
            f"{court['id']}: unknown field office {court['ice_field_office']!r}"
        )
        assert court["state"] in office["states"], f"{court['id']} is outside {office['id']}"


def test_denver_immigration_court_is_listed() -> None:
    denver = next(c for c in immigration_courts() if c["id"] == "denver")
    assert denver["name"] == "Denver Immigration Court"
    assert denver["time_zone"] == "America/Denver"
    assert denver["ice_field_office"] == "denver"


# --- demo courthouses -----------------------------------------------------------------------------


def test_demo_courthouses_are_complete_records() -> None:
    courthouses = demo_courthouses()
    assert_unique_ids(courthouses)
    required = {
        "id": str,
        "name": str,
        "court_kinds": list,
        "street": str,
        "city": str,
        "state": str,
        "zip": str,
        "time_zone": str,
        "ice_field_office": str,
        "screened_entry": bool,
    }
    for courthouse in courthouses:
        assert_has_fields(courthouse, required)
        assert courthouse["state"] in US_STATE_CODES
        assert_zip(courthouse)
        assert courthouse["court_kinds"], courthouse["id"]
        assert set(courthouse["court_kinds"]) <= COURT_KINDS, courthouse["id"]


def test_demo_courthouse_time_zones_are_zoneinfo_keys() -> None:
    bad = [
        (c["id"], c["time_zone"]) for c in demo_courthouses() if not is_valid_zone(c["time_zone"])
    ]
    assert not bad


def test_demo_courthouses_point_at_a_field_office_covering_their_state() -> None:
    offices = {office["id"]: office for office in field_offices()}
    for courthouse in demo_courthouses():
        office = offices.get(courthouse["ice_field_office"])
        assert office is not None, f"{courthouse['id']}: unknown field office"
        assert courthouse["state"] in office["states"], (
            f"{courthouse['id']} is outside {office['id']}"
        )


def test_demo_courthouses_cover_the_ten_demo_states() -> None:
    per_state: dict[str, int] = {}
    for courthouse in demo_courthouses():
        per_state[courthouse["state"]] = per_state.get(courthouse["state"], 0) + 1
    for code in ("CO", "NY", "CA", "TX", "FL", "IL", "WA", "NJ", "AZ", "GA"):
        assert 3 <= per_state.get(code, 0) <= 6, (code, per_state.get(code, 0))


def test_lindsey_flanigan_courthouse_is_in_the_demo_data() -> None:
    by_name = {courthouse["name"]: courthouse for courthouse in demo_courthouses()}
    lindsey = by_name["Lindsey-Flanigan Courthouse"]
    assert lindsey["street"] == "520 W. Colfax Ave."
    assert (lindsey["city"], lindsey["state"], lindsey["zip"]) == ("Denver", "CO", "80204")
    assert set(lindsey["court_kinds"]) == {"criminal", "traffic"}
    assert lindsey["ice_field_office"] == "denver"
    assert set(by_name["Denver City and County Building"]["court_kinds"]) == {"civil", "family"}
    for name in ("Brooklyn Criminal Court", "Queens Family Court", "Bronx Housing Court"):
        assert by_name[name]["ice_field_office"] == "new-york-city"


# --- demo names -----------------------------------------------------------------------------------


def script_of(char: str) -> str:
    return unicodedata.name(char, "").split(" ")[0]


def every_name(language: str) -> list[str]:
    pool = names()["languages"][language]
    return [*pool["given_names"]["female"], *pool["given_names"]["male"], *pool["family_names"]]


@pytest.mark.parametrize("language", DEMO_LANGUAGES)
def test_name_pool_is_large_enough(language: str) -> None:
    pool = names()["languages"][language]
    given = pool["given_names"]["female"] + pool["given_names"]["male"]
    assert len(given) >= 20 and len(pool["family_names"]) >= 20
    assert pool["given_names"]["female"] and pool["given_names"]["male"]
    assert all(isinstance(n, str) and n.strip() == n and n for n in every_name(language))
    assert pool["name_order"] in {"given_family", "family_given"}


def test_vietnamese_names_keep_their_diacritics() -> None:
    text = "".join(every_name("vi"))
    assert any(ord(char) > 0xFF for char in text), "no character beyond Latin-1"
    for expected in ("Nguyễn", "Trần", "Phạm", "Văn Thắng", "Thị Hương"):
        assert expected in text


def test_spanish_names_keep_their_accents() -> None:
    text = "".join(every_name("es"))
    for char in "áéíóúñ":
        assert char in text.lower(), char


@pytest.mark.parametrize(
    ("language", "script"),
    [("zh", "CJK"), ("ar", "ARABIC"), ("ru", "CYRILLIC"), ("ko", "HANGUL"), ("am", "ETHIOPIC")],
)
def test_names_are_written_in_their_own_script(language: str, script: str) -> None:
    letters = [char for name in every_name(language) for char in name if char.isalpha()]
    assert letters and all(script_of(char) == script for char in letters), language


@pytest.mark.parametrize("language", ["zh", "ar", "ru", "ko", "am"])
def test_non_latin_names_have_a_romanized_form(language: str) -> None:
    pool = names()["languages"][language]
    wanted = set(every_name(language)) | set(pool.get("family_names_female", []))
    assert wanted <= set(pool["romanized"])
    assert all(value.isascii() or language == "zh" for value in pool["romanized"].values())


def test_russian_family_names_have_a_feminine_form_for_each_masculine_one() -> None:
    pool = names()["languages"]["ru"]
    assert len(pool["family_names_female"]) == len(pool["family_names"])
    assert pool["family_names_female"][0] == "Иванова"


def test_incident_templates_use_only_the_declared_placeholders() -> None:
    data = names()
    placeholders = set(data["incident_placeholders"])
    for template in data["incident_templates"]:
        fields = {field for _, field, _, _ in string.Formatter().parse(template["text"]) if field}
        assert fields <= placeholders, (template["text"], fields - placeholders)
    sample = {name: "1" for name in placeholders}
    first = data["incident_templates"][0]["text"].format(**sample)
    assert "POLICE" in first


def test_addresses_and_opposing_parties_are_present() -> None:
    data = names()
    cities = {(entry["city"], entry["state"]) for entry in data["addresses"]}
    assert ("Denver", "CO") in cities
    for entry in data["addresses"]:
        assert entry["streets"] and entry["zip_codes"]
        assert all(len(z) == 5 and z.isdigit() for z in entry["zip_codes"])
    assert len(data["opposing_parties"]["people"]) >= 10
    assert len(data["opposing_parties"]["organizations"]) >= 10


# --- icons ----------------------------------------------------------------------------------------


def png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", f"{path.name} is not a PNG"
    width, height = struct.unpack(">II", header[16:24])
    return width, height


@pytest.mark.parametrize("size", ICON_SIZES)
def test_png_icon_has_its_size(size: int) -> None:
    assert png_size(RESOURCES / "icons" / f"courtsafe-{size}.png") == (size, size)


def test_icon_set_is_complete() -> None:
    icons = RESOURCES / "icons"
    assert (icons / "courtsafe.svg").read_text(encoding="utf-8").lstrip().startswith("<svg")
    assert (icons / "courtsafe.ico").read_bytes()[:4] == b"\x00\x00\x01\x00"
    assert (icons / "courtsafe.icns").read_bytes()[:4] == b"icns"


# --- packaging ------------------------------------------------------------------------------------


def test_pyinstaller_spec_is_valid_python() -> None:
    source = (PACKAGING / "courtsafe.spec").read_text(encoding="utf-8")
    ast.parse(source, filename="courtsafe.spec")
    for needed in ("keyring.backends.SecretService", "sqlcipher3", "psycopg_binary", "pyrage"):
        assert needed in source


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux desktop files")
def test_desktop_entry_and_metainfo_validate() -> None:
    missing = [tool for tool in ("desktop-file-validate", "appstreamcli") if not shutil.which(tool)]
    if missing:
        pytest.fail(
            f"{', '.join(missing)} not found: install desktop-file-utils and appstream "
            "(e.g. apt-get install desktop-file-utils appstream) to validate the Linux packaging"
        )
    result = subprocess.run(
        ["bash", str(PACKAGING / "validate.sh")],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
