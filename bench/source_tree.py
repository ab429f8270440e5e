"""Import policygraph from a source tree instead of the installed package, as pure Python.

Used to measure or check one version against another in one run: bench_parse.py --against DIR, and
tests/test_compiled.py, which compares the installed (compiled) parser with its own .py sources.
"""

from __future__ import annotations

import sys
from importlib.abc import MetaPathFinder
from importlib.machinery import ModuleSpec
from importlib.util import spec_from_file_location
from pathlib import Path


def import_from_tree(root: Path) -> None:
    """Make `import policygraph…` load the .py files of the source tree `root` (laid out by its
    pyproject's package-dir map), never a compiled module: a finder placed before every other one.
    Call it before anything imports policygraph."""
    import tomllib  # Python 3.11+; imported here so that the bench itself still imports on 3.10

    package_dirs = tomllib.loads((root / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"][
        "package-dir"
    ]
    packages = {name: root / folder for name, folder in package_dirs.items()}

    class SourceTreeFinder(MetaPathFinder):
        def find_spec(self, fullname, path=None, target=None) -> ModuleSpec | None:
            if fullname in packages:
                folder = packages[fullname]
                return spec_from_file_location(
                    fullname, folder / "__init__.py", submodule_search_locations=[str(folder)]
                )
            parent, _, name = fullname.rpartition(".")
            source = packages[parent] / f"{name}.py" if parent in packages else None
            if source is not None and source.is_file():
                return spec_from_file_location(fullname, source)
            return None

    sys.meta_path.insert(0, SourceTreeFinder())
