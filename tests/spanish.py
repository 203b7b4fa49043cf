"""Reading ease of Spanish text, in a few lines of our own.

Two standard Spanish formulas, both from syllables per word and words per
sentence (textstat's Spanish mode switches a global language, which would
upset the English grade checks running in the same process):

- Fernández-Huerta (1959), as textstat and most tools compute it:
  206.84 - 60 * syllables/word - 1.02 * words/sentence.
  70-80 is "bastante fácil" (fairly easy), 80-90 "fácil", 90+ "muy fácil".
- Szigriszt-Pazos (1993), read on the INFLESZ scale (Barrio-Cantalejo 2008):
  206.835 - 62.3 * syllables/word - words/sentence. 55-65 "normal",
  65-80 "bastante fácil", 80+ "muy fácil".

Patient pages in Spanish must read "fairly easy" or easier on Fernández-Huerta
(FAIRLY_EASY); the INFLESZ figure is reported beside it.
"""

import re
import unicodedata

FAIRLY_EASY = 70.0

STRONG = set("aeoáéóíú")  # í and ú with an accent break a diphthong, so count as strong
WEAK = set("iuü")
VOWELS = STRONG | WEAK | {"y"}
WORD = re.compile(r"[A-Za-zÁÉÍÓÚÜÑáéíóúüñ]+")
SENTENCE_END = re.compile(r"[.!?…:;]+(?:\s|$)|\n\s*\n")


def syllables(word: str) -> int:
    """Spanish syllables: one per vowel group, two where strong vowels meet (hiatus).

    "y" counts as a vowel only at the end of a word ("hoy", "muy") or alone.
    """
    word = word.lower()
    if word == "y":
        return 1
    count = 0
    previous = ""
    for index, letter in enumerate(word):
        vowel = letter in STRONG or letter in WEAK or (letter == "y" and index == len(word) - 1)
        if not vowel:
            previous = ""
            continue
        if not previous:
            count += 1
        elif previous in STRONG and letter in STRONG:
            count += 1  # hiatus: le-er, ma-íz, dí-a
        previous = "a" if letter == "y" else letter
    # "qu" and "gu" before e/i: the u is silent and already joined; nothing to undo.
    return max(1, count)


def words(text: str) -> list[str]:
    return WORD.findall(unicodedata.normalize("NFC", text))


def sentence_count(text: str) -> int:
    pieces = [piece for piece in SENTENCE_END.split(text) if WORD.search(piece)]
    return max(1, len(pieces))


def fernandez_huerta(text: str) -> float:
    found = words(text)
    if not found:
        return 100.0
    per_word = sum(syllables(word) for word in found) / len(found)
    return 206.84 - 60 * per_word - 1.02 * len(found) / sentence_count(text)


def inflesz(text: str) -> float:
    found = words(text)
    if not found:
        return 100.0
    per_word = sum(syllables(word) for word in found) / len(found)
    return 206.835 - 62.3 * per_word - len(found) / sentence_count(text)
