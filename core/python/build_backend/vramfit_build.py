"""The in-tree PEP 517 build backend of the vramfit Python package: the standard library only, so
`pip install ./core/python` needs nothing from the network (pip installs no build requirements: there are none).

It configures the repository's CMake project with VRAMFIT_PYTHON=ON for the interpreter pip runs, builds the
module target (vramfit_python, core/python/CMakeLists.txt) and writes a wheel holding the package, the module,
and the metadata. The name and version are the CMake project's (the top-level CMakeLists.txt), not repeated here.

Where it builds: build/python in the repository, or the tree named by `--config-settings build-dir=DIR` (or the
environment variable VRAMFIT_PYTHON_BUILD_DIR): scripts/test.sh points it at the release tree, which has the core
compiled already. Needs CMake, a C++20 compiler, the Python headers and pybind11 (Debian: cmake g++ python3-dev
python3-pybind11; scripts/deps.sh installs them).
"""
from __future__ import annotations

import base64
import hashlib
import os
import re
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

_HERE = Path(__file__).resolve().parent
_PACKAGE_DIR = _HERE.parent          # core/python
_ROOT = _PACKAGE_DIR.parent.parent   # the repository
_NAME = "vramfit"
_SUMMARY = "How much GPU memory an LLM needs, for inference and fine-tuning (the vramfit core)"


def _version() -> str:
    text = (_ROOT / "CMakeLists.txt").read_text(encoding="utf-8")
    m = re.search(r"project\(vramfit\s+VERSION\s+([0-9][0-9.]*)", text)
    if not m:
        raise RuntimeError("vramfit_build: no project(vramfit VERSION ...) in the top-level CMakeLists.txt")
    return m.group(1)


def _tag() -> str:
    impl = sys.implementation.name
    ver = f"{sys.version_info.major}{sys.version_info.minor}"
    py = ("cp" if impl == "cpython" else impl[:2]) + ver
    abi = py + getattr(sys, "abiflags", "")
    plat = re.sub(r"[^A-Za-z0-9]+", "_", sysconfig.get_platform())
    return f"{py}-{abi}-{plat}"


def _setting(config_settings, key: str, env: str):
    if config_settings and config_settings.get(key):
        return config_settings[key]
    return os.environ.get(env) or None


def _run(args) -> None:
    print("vramfit_build:", " ".join(str(a) for a in args), file=sys.stderr, flush=True)
    subprocess.run([str(a) for a in args], check=True, stdout=sys.stderr)


def _build_module(config_settings) -> Path:
    build_dir = Path(_setting(config_settings, "build-dir", "VRAMFIT_PYTHON_BUILD_DIR") or _ROOT / "build" / "python")
    if not build_dir.is_absolute():
        build_dir = (_ROOT / build_dir).resolve()
    configure = ["cmake", "-S", _ROOT, "-B", build_dir, "-DVRAMFIT_PYTHON=ON",
                 f"-DPYTHON_EXECUTABLE={sys.executable}", f"-DPython_EXECUTABLE={sys.executable}"]
    if not (build_dir / "CMakeCache.txt").exists():
        # A tree of its own: the library and the module only.
        configure += ["-DCMAKE_BUILD_TYPE=Release", "-DVRAMFIT_BUILD_TESTS=OFF"]
    _run(configure)
    jobs = _setting(config_settings, "jobs", "VRAMFIT_PYTHON_JOBS") or str(os.cpu_count() or 1)
    _run(["cmake", "--build", build_dir, "--target", "vramfit_python", "-j", jobs])
    module = build_dir / "core" / "python" / ("_vramfit" + sysconfig.get_config_var("EXT_SUFFIX"))
    if not module.exists():
        raise RuntimeError(f"vramfit_build: the build made no {module.name} in {module.parent} "
                           "(was it configured for another Python?)")
    return module


def _record_line(name: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}"


def get_requires_for_build_wheel(config_settings=None):
    return []


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    version = _version()
    module = _build_module(config_settings)
    tag = _tag()
    dist_info = f"{_NAME}-{version}.dist-info"
    files = {}
    for source in sorted((_PACKAGE_DIR / _NAME).glob("*.py")):
        files[f"{_NAME}/{source.name}"] = source.read_bytes()
    files[f"{_NAME}/{module.name}"] = module.read_bytes()
    files[f"{dist_info}/METADATA"] = (
        f"Metadata-Version: 2.1\nName: {_NAME}\nVersion: {version}\nSummary: {_SUMMARY}\n"
        "License: MIT\nRequires-Python: >=3.9\n").encode()
    files[f"{dist_info}/WHEEL"] = (
        f"Wheel-Version: 1.0\nGenerator: vramfit_build {version}\nRoot-Is-Purelib: false\nTag: {tag}\n").encode()
    files[f"{dist_info}/top_level.txt"] = f"{_NAME}\n".encode()
    license_file = _ROOT / "LICENSE"
    if license_file.exists():
        files[f"{dist_info}/LICENSE"] = license_file.read_bytes()
    record = [_record_line(name, data) for name, data in files.items()] + [f"{dist_info}/RECORD,,"]
    files[f"{dist_info}/RECORD"] = ("\n".join(record) + "\n").encode()
    wheel_name = f"{_NAME}-{version}-{tag}.whl"
    os.makedirs(wheel_directory, exist_ok=True)
    with zipfile.ZipFile(Path(wheel_directory) / wheel_name, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.external_attr = (0o755 if name.endswith(module.suffix) else 0o644) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    return wheel_name
