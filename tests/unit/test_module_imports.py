"""Every module of the package imports alone, first thing in a fresh interpreter: no import
loop hides behind the order in which the application happens to load its modules."""

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

pytestmark = pytest.mark.engine_independent

PACKAGE = Path(__file__).resolve().parents[2] / "tracker"

# One interpreter loads the libraries the package uses (learnt from a first child that imports
# every module), then forks one child per module: each child starts with no module of the
# package loaded and imports just that one.
CHECK = textwrap.dedent("""
    import importlib, os, sys, traceback
    names = sys.stdin.read().split()
    reader, writer = os.pipe()
    if os.fork() == 0:
        for name in names:
            try:
                importlib.import_module(name)
            except BaseException:
                pass
        libraries = [name for name in list(sys.modules) if name.split(".")[0] != "tracker"]
        os.write(writer, "\\n".join(libraries).encode())
        os._exit(0)
    os.close(writer)
    with os.fdopen(reader) as pipe:
        libraries = pipe.read().split()
    os.wait()
    for library in libraries:
        try:
            importlib.import_module(library)
        except BaseException:
            pass
    failed = 0
    for name in names:
        child = os.fork()
        if child == 0:
            try:
                importlib.import_module(name)
            except BaseException:
                print(f"== {name}", traceback.format_exc(), sep="\\n")
                sys.stdout.flush()
                os._exit(1)
            os._exit(0)
        failed += os.waitpid(child, 0)[1] != 0
    sys.exit(1 if failed else 0)
""")


def module_names(package: Path = PACKAGE) -> list[str]:
    names = []
    for path in sorted(package.rglob("*.py")):
        parts = path.relative_to(package.parent).with_suffix("").parts
        names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def test_every_module_imports_alone_in_a_fresh_interpreter():
    names = module_names()
    assert len(names) > 100
    result = subprocess.run([sys.executable, "-c", CHECK], input="\n".join(names),
                            capture_output=True, text=True, timeout=600,
                            cwd=PACKAGE.parent)
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr[-2000:]
