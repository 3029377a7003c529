"""Every error vnevents raises, with a stable code so messages are greppable.

The CLI turns these into one-line messages; library users catch them by class.
"""
from __future__ import annotations


class VneventsError(Exception):
    """Base class. `code` is stable across releases; `path` names the input at fault."""

    code = "E000"

    def __init__(self, message: str, path: str | None = None):
        super().__init__(message)
        self.message = message
        self.path = path

    def __str__(self) -> str:
        where = f"{self.path}: " if self.path else ""
        return f"{where}{self.message} [{self.code}]"


class InputError(VneventsError):
    """An input file cannot be turned into an article."""

    code = "E100"


class EmptyInput(InputError):
    code = "E101"


class BinaryInput(InputError):
    code = "E102"


class EncodingInput(InputError):
    code = "E103"


class NotVietnamese(InputError):
    code = "E104"


class MalformedJSON(InputError):
    code = "E105"


class NoReadableFiles(InputError):
    code = "E106"


class UnsupportedInput(InputError):
    code = "E107"


class TooLarge(InputError):
    code = "E108"


class FetchError(InputError):
    """A URL could not be fetched (timeout, HTTP error, no connection)."""

    code = "E109"


class MalformedFeed(InputError):
    code = "E110"


class BadCompression(InputError):
    """A .gz input that is not gzip, or is cut short."""

    code = "E111"


class ResourceError(VneventsError):
    """A data file shipped with vnevents (or given by the user) is invalid."""

    code = "E200"


class GoldError(VneventsError):
    """A gold file for `vnevents eval` is invalid."""

    code = "E300"


class StoreError(VneventsError):
    """The event database cannot be opened or used."""

    code = "E500"


class PipelineError(VneventsError):
    """The pipeline was assembled wrongly (a stage needs what no earlier stage assigns)."""

    code = "E400"


class BatchError(VneventsError):
    """A batch job cannot run (no scheduler at the address given), or one partition failed whole."""

    code = "E600"
