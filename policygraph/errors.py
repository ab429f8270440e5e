"""Errors that the command line turns into one line and a non-zero exit."""


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
