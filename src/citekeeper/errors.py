"""The one exception hierarchy of citekeeper, and the exit codes the CLI maps it to.

Exceptions are for the user's configuration and I/O, never for data-quality findings
(those are values in a report).  The tree::

    CitekeeperError                 exit 70 unless a subclass says otherwise
     ├── UsageError                 exit 2   bad option, bad config value, unknown style
     │    └── ConfigError                    [tool.citekeeper] in pyproject.toml is wrong
     ├── InputError                 exit 3   a file cannot be read or understood
     │    ├── NotFoundError                  missing path
     │    ├── BinaryInputError               not text
     │    ├── DecodeError                    text in an encoding we cannot decode
     │    ├── InputTooLargeError             over the size limit
     │    ├── MalformedInputError            BibTeX/CSL-JSON/CSL we cannot parse (has line)
     │    └── NoCitationsError               an article with neither reference list nor footnotes
     └── OutputError                exit 4   a result cannot be written

Each carries ``file`` and ``line`` when known so the CLI can print ``file:line: message``.
Subsystems may subclass these (e.g. ``render`` a ``StyleError(UsageError)``) but must not
start a second hierarchy.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_FINDINGS = 1  # check found failing links / lint found error-level problems
EXIT_USAGE = 2
EXIT_INPUT = 3
EXIT_OUTPUT = 4
EXIT_INTERNAL = 70


class CitekeeperError(Exception):
    """Base of every error citekeeper raises on purpose."""

    exit_code = EXIT_INTERNAL

    def __init__(self, message: str, *, file: str | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line

    def __str__(self) -> str:
        where = ""
        if self.file:
            # a file name may hold a newline or tab: escaped, so the message stays one line
            name = str(self.file).translate(_ONE_LINE)
            where = f"{name}:{self.line}: " if self.line else f"{name}: "
        return f"{where}{self.message}"


_ONE_LINE = str.maketrans({"\n": "\\n", "\r": "\\r", "\t": "\\t"})


class UsageError(CitekeeperError):
    exit_code = EXIT_USAGE


class ConfigError(UsageError):
    pass


class InputError(CitekeeperError):
    exit_code = EXIT_INPUT


class NotFoundError(InputError):
    pass


class BinaryInputError(InputError):
    pass


class DecodeError(InputError):
    pass


class InputTooLargeError(InputError):
    pass


class MalformedInputError(InputError):
    pass


class NoCitationsError(InputError):
    pass


class OutputError(CitekeeperError):
    exit_code = EXIT_OUTPUT
