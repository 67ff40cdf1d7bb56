#!/usr/bin/env python3
"""Checks the ADPhoto package zip the way an administrator will use it.

    check_package.py --root REPO --zip ZIP [--windows DIR --linux DIR] [--extract-to DIR]

Fails (exit 1, one line per problem) unless:
- every entry name is relative, uses '/', and lies under ADPhoto/<ModuleVersion>/, so
  Expand-Archive into a Modules folder gives Modules/ADPhoto/<version>/ADPhoto.psd1, which
  is where Import-Module ADPhoto looks (folder named after the module, version folder equal
  to ModuleVersion);
- the manifest, root module, interop class, every exported function's file and every
  private helper are there, and nothing else of the module is missing;
- bin/win-x64/adphoto.dll and adphoto.exe are 64-bit Windows binaries, bin/linux-x64/
  libadphoto.so and adphoto are 64-bit Linux ones (executable), each identical to the
  file built (when --windows/--linux are given): what is shipped is what was tested;
- README.md and LICENSE are there, and no test-only file (the bcryptprimitives.dll stub
  Wine needs) or stray file is.
With --extract-to it also unpacks the zip there (Modules/ADPhoto/<version>/...), as
Expand-Archive would, for the tests that run what is shipped.
"""

import argparse
import hashlib
import re
import stat
import sys
import zipfile
from pathlib import Path, PurePosixPath

problems: list[str] = []


def fail(message: str) -> None:
    problems.append(message)
    print(f"FAIL - {message}")


def ok(message: str) -> None:
    print(f"ok - {message}")


def manifest_value(text: str, key: str) -> str:
    m = re.search(rf"^\s*{key}\s*=\s*'([^']*)'", text, re.MULTILINE)
    return m.group(1) if m else ""


def exported_functions(text: str) -> list[str]:
    block = re.search(r"FunctionsToExport\s*=\s*@\((.*?)\)", text, re.DOTALL)
    return re.findall(r"'([A-Za-z]+-[A-Za-z]+)'", block.group(1)) if block else []


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", required=True, type=Path)
    ap.add_argument("--zip", required=True, type=Path)
    ap.add_argument("--windows", type=Path)
    ap.add_argument("--linux", type=Path)
    ap.add_argument("--extract-to", type=Path)
    args = ap.parse_args()

    root = args.root.resolve()
    psd1 = (root / "module" / "ADPhoto.psd1").read_text(encoding="utf-8-sig")
    version = manifest_value(psd1, "ModuleVersion")
    root_module = manifest_value(psd1, "RootModule")
    prefix = f"ADPhoto/{version}/"

    with zipfile.ZipFile(args.zip) as z:
        infos = z.infolist()
        names = [i.filename for i in infos]
        bad = z.testzip()
        if bad:
            fail(f"corrupt entry {bad}")

        # ---- names: relative, '/', one module folder with the version folder -----------
        for n in names:
            p = PurePosixPath(n)
            if "\\" in n:
                fail(f"entry name with a backslash: {n!r}")
            if p.is_absolute() or ":" in p.parts[0] or ".." in p.parts:
                fail(f"entry outside the destination folder: {n!r}")
            if not n.startswith(prefix):
                fail(f"entry not under {prefix}: {n!r}")
        ok(f"{len(names)} entries, all under {prefix} with '/' separators")

        files = {n[len(prefix):]: i for n, i in zip(names, infos) if n.startswith(prefix) and not n.endswith("/")}

        # ---- the module --------------------------------------------------------------------
        required = ["ADPhoto.psd1", root_module, "ADPhoto.Native.cs", "README.md", "LICENSE"]
        functions = exported_functions(psd1)
        if not functions:
            fail("no FunctionsToExport in the manifest")
        required += [f"Public/{f}.ps1" for f in functions]
        required += [f"Private/{p.name}" for p in sorted((root / "module" / "Private").glob("*.ps1"))]
        for r in required:
            if r not in files:
                fail(f"missing {prefix}{r}")
        public = sorted(n for n in files if n.startswith("Public/"))
        if public != sorted(f"Public/{f}.ps1" for f in functions):
            fail(f"Public/ holds {public}, the manifest exports {functions}")
        for name in ["ADPhoto.psd1", root_module, *[r for r in required if r.endswith(".ps1")]]:
            if name in files and z.read(prefix + name) != (root / "module" / name).read_bytes():
                fail(f"{name} differs from module/{name}")
        if "README.md" in files and z.read(prefix + "README.md") != (root / "README.md").read_bytes():
            fail("README.md is not the project's README")
        if "LICENSE" in files and b"MIT License" not in z.read(prefix + "LICENSE"):
            fail("LICENSE is not the MIT licence")
        ok(f"module {version}: manifest, {root_module}, {len(functions)} commands, helpers, README, LICENSE")

        # ---- the binaries --------------------------------------------------------------------
        binaries = {
            "bin/win-x64/adphoto.dll": ("pe", args.windows),
            "bin/win-x64/adphoto.exe": ("pe", args.windows),
            "bin/linux-x64/libadphoto.so": ("elf", args.linux),
            "bin/linux-x64/adphoto": ("elf", args.linux),
        }
        for name, (kind, built_dir) in binaries.items():
            if name not in files:
                fail(f"missing {prefix}{name}")
                continue
            data = z.read(prefix + name)
            if kind == "pe":
                pe = int.from_bytes(data[0x3C:0x40], "little") if len(data) > 0x40 else 0
                machine = data[pe + 4 : pe + 6] if data[:2] == b"MZ" and data[pe : pe + 4] == b"PE\0\0" else b""
                if machine != b"\x64\x86":
                    fail(f"{name} is not a 64-bit Windows (x86-64 PE) binary")
            else:
                if data[:4] != b"\x7fELF" or data[4] != 2 or data[18:20] != b"\x3e\x00":
                    fail(f"{name} is not a 64-bit x86-64 Linux (ELF) binary")
                mode = (files[name].external_attr >> 16) & 0o777
                if not mode & stat.S_IXUSR:
                    fail(f"{name} is not executable once unzipped (mode {mode:o})")
            if built_dir is not None:
                built = (built_dir / PurePosixPath(name).name).read_bytes()
                if hashlib.sha256(built).digest() != hashlib.sha256(data).digest():
                    fail(f"{name} is not the file built in {built_dir}")
        ok("bin/win-x64: adphoto.dll, adphoto.exe; bin/linux-x64: libadphoto.so, adphoto")

        # ---- nothing else ---------------------------------------------------------------------
        expected = set(required) | set(binaries) | {"README.PowerShell.md"}
        expected |= {n for n in files if n.startswith(("Public/", "Private/"))}
        for n in sorted(set(files) - expected):
            fail(f"unexpected file in the package: {n}")
        for n in files:
            if PurePosixPath(n).name.lower() == "bcryptprimitives.dll":
                fail(f"the test-only bcryptprimitives.dll stub is in the package: {n}")
        ok("no test-only or stray files")

        if args.extract_to:
            modules = args.extract_to
            modules.mkdir(parents=True, exist_ok=True)
            z.extractall(modules)
            for info in infos:
                mode = (info.external_attr >> 16) & 0o777
                if mode:
                    (modules / info.filename).chmod(mode)
            manifest = modules / "ADPhoto" / version / "ADPhoto.psd1"
            if not manifest.is_file():
                fail(f"after expanding, {manifest} is missing")
            else:
                ok(f"expanded into {modules}: Import-Module ADPhoto finds {manifest.relative_to(modules)}")

    print(f"package: {len(problems)} problem(s)" if problems else f"package: {args.zip} is laid out as it must be")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
