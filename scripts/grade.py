"""Print the Flesch-Kincaid grade of guide files: python scripts/grade.py guides/content/*.md"""

import sys
import tomllib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from guides.markdown import reading_grade  # noqa: E402

for name in sys.argv[1:]:
    path = Path(name)
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".toml":
        for term in tomllib.loads(text)["term"]:
            print(f"{reading_grade(term['definition']):5.1f}  {path.name}: {term['term']}")
        continue
    body = text.split("+++", 2)[2] if text.startswith("+++") else text
    print(f"{reading_grade(body):5.1f}  {path.name}")
