#!/usr/bin/env python3
"""Writes the ADPhoto package: one zip that an administrator expands into a Modules folder.

    zip_package.py --root REPO --windows DIR --linux DIR --out ZIP

DIR for Windows holds adphoto.exe and adphoto.dll, DIR for Linux adphoto and libadphoto.so.
Every entry sits under ADPhoto/<ModuleVersion>/, the layout Import-Module finds in a
$env:PSModulePath folder after Expand-Archive; entry names use '/', as the zip format
says (Windows PowerShell 5.1's Compress-Archive writes '\\', which other unzip tools
turn into file names with backslashes in them). Entries are sorted and dated
SOURCE_DATE_EPOCH (default: 2026-01-01), so the same inputs give the same zip.
"""

import argparse
import os
import re
import subprocess
import sys
import time
import zipfile
from pathlib import Path

# What goes into bin/<platform>/, and the Unix mode each file gets.
BINARIES = {
    "win-x64": [("windows", "adphoto.dll", 0o644), ("windows", "adphoto.exe", 0o755)],
    "linux-x64": [("linux", "libadphoto.so", 0o755), ("linux", "adphoto", 0o755)],
}


def module_version(root: Path) -> str:
    text = (root / "module" / "ADPhoto.psd1").read_text(encoding="utf-8-sig")
    m = re.search(r"^\s*ModuleVersion\s*=\s*'([0-9.]+)'", text, re.MULTILINE)
    if not m:
        sys.exit("zip_package: no ModuleVersion in module/ADPhoto.psd1")
    return m.group(1)


def module_files(root: Path) -> list[Path]:
    """The module's own files (as committed), without any built bin/ folder."""
    try:
        listed = subprocess.run(
            ["git", "-C", str(root), "ls-files", "-z", "--", "module"],
            check=True,
            capture_output=True,
        ).stdout.decode("utf-8")
        files = [root / p for p in listed.split("\0") if p]
    except (OSError, subprocess.CalledProcessError):
        files = [p for p in (root / "module").rglob("*") if p.is_file()]
    return sorted(p for p in files if p.relative_to(root / "module").parts[0] != "bin" and p.is_file())


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", required=True, type=Path)
    ap.add_argument("--windows", required=True, type=Path)
    ap.add_argument("--linux", required=True, type=Path)
    ap.add_argument("--out", required=True, type=Path)
    args = ap.parse_args()

    root = args.root.resolve()
    version = module_version(root)
    prefix = f"ADPhoto/{version}/"
    stamp = time.gmtime(int(os.environ.get("SOURCE_DATE_EPOCH", "1767225600")))[:6]

    entries: list[tuple[str, Path, int]] = []
    for f in module_files(root):
        rel = f.relative_to(root / "module").as_posix()
        # The module's README is the PowerShell guide; the project's README is the main one.
        name = "README.PowerShell.md" if rel == "README.md" else rel
        entries.append((prefix + name, f, 0o644))
    entries.append((prefix + "README.md", root / "README.md", 0o644))
    entries.append((prefix + "LICENSE", root / "LICENSE", 0o644))
    for platform, files in BINARIES.items():
        for system, name, mode in files:
            source = getattr(args, system) / name
            if not source.is_file():
                sys.exit(f"zip_package: {source} is missing (run tests/windows/build.sh)")
            entries.append((f"{prefix}bin/{platform}/{name}", source, mode))

    args.out.parent.mkdir(parents=True, exist_ok=True)
    partial = args.out.with_name(args.out.name + ".partial")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for name, source, mode in sorted(entries):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.create_system = 3  # Unix: keeps the modes below for unzip on Linux
            info.external_attr = (0o100000 | mode) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, source.read_bytes(), compresslevel=9)
    partial.replace(args.out)
    print(f"{args.out} ({args.out.stat().st_size} bytes, {len(entries)} files under {prefix})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
