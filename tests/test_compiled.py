"""The compiled build (mypyc, see pyproject.toml) gives what the Python modules give.

The wheel is built as `bash scripts/build-compiled` builds it for users,
unpacked, and run as `glossary extract` on the seeds and the held-out texts, with and
without a cache and worker processes; its output must equal the Python modules' byte for
byte. Skips only where there is no C compiler.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from cli_runner import run_python

ROOT = Path(__file__).resolve().parent.parent
TEXTS = [str(ROOT / "seeds"), str(ROOT / "tests" / "heldout" / "texts")]
HOT_MODULES = ["glossary.pipeline", "glossary.candidates", "glossary.extract.pairs"]


@pytest.fixture(scope="module")
def compiled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("cc") is None and shutil.which("gcc") is None:
        pytest.skip("no C compiler")
    target = tmp_path_factory.mktemp("compiled")
    subprocess.run(["bash", str(ROOT / "scripts" / "build-compiled"), str(target)], check=True)
    return target / "unpacked"


def run(*args: str, path: Path | None = None) -> subprocess.CompletedProcess[str]:
    """``python ARGS`` with ``path`` first on the module path, from a folder with no package
    in it (Python puts the working directory first)."""
    result = run_python(
        *args,
        cwd=Path(path or ROOT / "tests").parent,
        env={"PYTHONPATH": str(path) if path is not None else ""},
    )
    assert result.returncode == 0, result.stderr
    return result


def test_the_hot_modules_are_compiled(compiled: Path) -> None:
    code = (
        "import sys, importlib; print(*(importlib.import_module(m).__file__ for m in sys.argv[1:]))"
    )
    files = run("-c", code, *HOT_MODULES, path=compiled).stdout.split()
    assert len(files) == len(HOT_MODULES)
    assert all(f.startswith(str(compiled)) and f.endswith(".so") for f in files), files
    # Without the unpacked build on the path, the same modules are the Python sources.
    assert all(f.endswith(".py") for f in run("-c", code, *HOT_MODULES).stdout.split())


@pytest.mark.parametrize(
    "options",
    [[], ["--workers", "2", "--max-contexts", "3"], ["--cache", "{name}.sqlite"]],
    ids=["one-process", "workers", "cache"],
)
def test_the_compiled_build_extracts_the_same(
    compiled: Path, tmp_path: Path, options: list[str]
) -> None:
    outputs = []
    for path, name in ((None, "python"), (compiled, "compiled")):
        output = tmp_path / f"{name}.jsonl"
        args = ["-m", "glossary", "extract", *TEXTS, "--format", "jsonl", "-q", "-o"]
        own = [o.replace("{name}", str(tmp_path / name)) for o in options]  # a cache each
        run(*args, str(output), *own, path=path)
        outputs.append(output.read_text(encoding="utf-8"))
    assert outputs[0].count("\n") > 300
    assert outputs[0] == outputs[1]


def test_the_compiled_build_reads_back_its_cached_result(compiled: Path, tmp_path: Path) -> None:
    # A result it cannot read back would be made again every time, silently.
    cache = tmp_path / "cache.sqlite"
    run("-m", "glossary", "extract", TEXTS[0], "-q", "--cache", str(cache), path=compiled)
    code = (
        "import sqlite3, sys\n"
        "from glossary.cache import ResultCache\n"
        "from glossary.pipeline import Extraction\n"
        "[(key,)] = sqlite3.connect(sys.argv[1]).execute('SELECT key FROM results')\n"
        "with ResultCache(sys.argv[1]) as cache:\n"
        "    result = cache.get('results', key)\n"
        "print(type(result).__name__, len(result.entries) > 100)\n"
    )
    assert run("-c", code, str(cache), path=compiled).stdout.split() == ["Extraction", "True"]
