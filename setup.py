"""The parser's optional compiled build; everything else about the package is in pyproject.toml.

`pip install .` compiles the parsing modules of policygraph.ingest with mypyc (a C extension per module,
about 1.6x faster parsing) when mypyc and a C compiler are at hand, and installs them as pure Python
otherwise: the .py files ship either way and behave the same (tests/test_compiled.py compares the two).

Not compiled:
- editable installs (`pip install -e .`), so an edited .py is the code that runs;
- when POLICYGRAPH_PURE_PYTHON=1 is set;
- records.py, whose frozen dataclasses the other layers copy and compare as plain Python classes;
- parse.py (the entry points, run once a document) and score.py (the gold comparison).
"""

from __future__ import annotations

import os
import shutil
import sys
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

# The modules a parse spends its time in; ingest/ is mypy-clean (tests/ingest/test_types.py holds that).
COMPILED = [
    "clean",
    "segment",
    "extract",
    "assemble",
    "tables",
    "units",
    "places",
    "meta",
    "knowledge",
    "grammar",
    "pattern_words",
    "readers",
]
HERE = Path(__file__).resolve().parent
# The setup.py commands that build the package (those pip runs for a wheel or an editable install).
BUILDS = {"bdist_wheel", "build", "build_ext", "install", "develop", "editable_wheel"}


class CompileOrPure(build_ext):
    """build_ext that compiles with mypyc, or builds nothing: any failure (no mypyc, a type error, no
    compiler) leaves the pure-Python package, since half a set of compiled modules would not import
    together. mypyc's extensions replace the placeholder before setuptools prepares its list."""

    def finalize_options(self) -> None:
        pure = (
            os.environ.get("POLICYGRAPH_PURE_PYTHON") == "1"
            or getattr(self, "editable_mode", False)
            or self.inplace
            # pip also runs this for the metadata alone (egg_info, dist_info): no need to compile there
            or not BUILDS & set(sys.argv[1:])
        )
        try:
            self.distribution.ext_modules = [] if pure else _mypyc_extensions(Path("build", "mypyc"))
        except (Exception, SystemExit) as error:  # mypyc reports type errors by exiting
            _fall_back(error)
            self.distribution.ext_modules = []
        super().finalize_options()

    def run(self) -> None:
        # pip builds in the checkout: what an earlier build compiled is still in build/lib, and the
        # wheel takes all of it; a pure build must not ship it, a compiled one must not keep a stale one
        for suffix in EXTENSION_SUFFIXES:
            for built in Path(self.build_lib, "policygraph", "ingest").glob(f"*{suffix}"):
                built.unlink()
        try:
            super().run()
        except (Exception, SystemExit) as error:  # CompileError, LinkError, no compiler
            _fall_back(error)
            for extension in self.extensions:
                Path(self.get_ext_fullpath(extension.name)).unlink(missing_ok=True)
            self.extensions = []

    def get_outputs(self) -> list[str]:
        return [path for path in super().get_outputs() if Path(path).exists()]


def _fall_back(error: BaseException) -> None:
    print(
        f"policygraph: the compiled build failed, installing pure Python ({type(error).__name__}: {error})",
        file=sys.stderr,
    )


def _mypyc_extensions(scratch: Path) -> list[Extension]:
    """mypyc's extensions for COMPILED, its C files under `scratch` (relative to the project folder,
    where pip runs this: setuptools wants relative paths). mypy names a module by its folders, and in
    the checkout the package policygraph.ingest is the folder ingest/: the sources are staged as
    policygraph/ingest/."""
    from mypyc.build import mypycify  # a build requirement; imported late so a failure falls back

    stage = scratch / "mypyc-stage"
    shutil.rmtree(stage, ignore_errors=True)
    package = stage / "policygraph"
    package.mkdir(parents=True)
    shutil.copy(HERE / "policygraph" / "__init__.py", package / "__init__.py")
    shutil.copy(HERE / "policygraph" / "errors.py", package / "errors.py")
    shutil.copytree(HERE / "ingest", package / "ingest", ignore=shutil.ignore_patterns("__pycache__", "*.so"))
    return mypycify(
        ["--config-file", str(HERE / "pyproject.toml")]
        + [str(package / "ingest" / f"{name}.py") for name in COMPILED],
        group_name="policygraph.ingest._compiled",
        target_dir=str(scratch / "mypyc-c"),
    )


# A placeholder extension tells setuptools the wheel holds compiled code (a platform tag, build_ext
# run); CompileOrPure replaces it with mypyc's or with none.
setup(
    ext_modules=[Extension("policygraph.ingest._compiled", sources=[])],
    cmdclass={"build_ext": CompileOrPure},
)
