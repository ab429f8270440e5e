"""Errors that the command line turns into one line and a non-zero exit.

They say what went wrong; the command line adds which flag to change (by error class).
"""


class PolicygraphError(Exception):
    """A failure a user can act on. str(error) is the one line shown to them."""


class InputError(PolicygraphError):
    """A document could not be read or yielded nothing (names the file)."""

    def __init__(self, path, problem: str):
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


class StoreError(PolicygraphError):
    """The graph store is unreachable, misconfigured or refused a statement."""


class PortInUseError(StoreError):
    """The port asked for the local engine is taken by another process."""


class DataDirError(StoreError):
    """The local engine's data directory cannot be created or made private."""


class EngineBusyError(StoreError):
    """The local engine runs but does not answer yet (most likely loading a large data set)."""
