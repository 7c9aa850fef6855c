"""Project errors: a stage raises one for bad input; the runner records it and goes on."""


class GovReportsError(Exception):
    """Base class for errors about the input, recorded as data rather than crashing a batch."""

    kind = "error"


class UnreadableFile(GovReportsError):
    """The file cannot be read as a report (empty, binary, unknown encoding, broken PDF)."""

    kind = "unreadable"


class UnsupportedFormat(GovReportsError):
    """The file has an extension the loader does not handle."""

    kind = "unsupported-format"


class StageOrderError(GovReportsError):
    """A stage requires a field that no earlier stage produces."""

    kind = "stage-order"


class SettingsError(GovReportsError, ValueError):
    """A settings value is out of range."""

    kind = "settings"


class UnknownReport(GovReportsError, LookupError):
    """A report name asked for is not in the database."""

    kind = "unknown-report"


class FormUnreadable(GovReportsError):
    """A self-assessment form's indicator block was found but no indicator row could be read from it."""

    kind = "form-unreadable"


class NotAReport(UnreadableFile):
    """The file reads, but is not a Chinese report (an English paper, a text that is not Chinese)."""

    kind = "not-a-report"


class PageRefused(GovReportsError):
    """One page costs more than a page may (a stream inflating past the limit, millions of characters)."""

    kind = "page-refused"
