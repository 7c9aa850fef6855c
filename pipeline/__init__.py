"""govreports: Chinese budget-performance reports into a documented SQLite database."""

__version__ = "0.1.0"

import logging

# pdfminer warns on every glyph of some CJK fonts ("Could not get FontBBox"), playa (camelot's PDF
# parser) on harmless structure quirks ("Page label tree is empty"); jieba logs its cache build.
logging.getLogger("pdfminer").setLevel(logging.ERROR)
logging.getLogger("playa").setLevel(logging.ERROR)
import jieba  # noqa: E402  (its logger is configured at import, so set the level after importing it)

jieba.setLogLevel(logging.WARNING)
