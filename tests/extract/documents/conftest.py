"""Document tests build their inputs with the helpers beside this file (pdfbuild, docxbuild)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
