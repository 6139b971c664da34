"""A page's playlist: its blocks in order, each with its clip and sentence starts, and the
parts an officer's recording reads instead (sentence starts estimated by text length).

The shape is the one in /work/notes/AUDIO-CONTRACT.md; views turn names into URLs.
"""


def build(speech, lang, blocks, slug=None):
    """{"lang", "parts"} for ``blocks`` read in ``lang``; ``slug`` names a lesson, whose
    recordings (whole, or per section) replace the voice where they exist."""
    recorded = speech.recordings.for_lesson(lang, slug) if slug else {}
    lexicon = speech.lexicon()
    parts, index = [], 0
    while index < len(blocks):
        block = blocks[index]
        name = recorded.get(None) or (recorded.get(block.section) if block.section else None)
        if name is None:
            parts.append(_clip_part(speech, block, lexicon))
            index += 1
            continue
        # A recording covers the whole lesson, or every block of its section.
        stop = index
        while stop < len(blocks) and (None in recorded
                                      or blocks[stop].section == block.section):
            stop += 1
        parts.append(_recording_part(speech, lang, name, blocks[index:stop]))
        index = stop
    return {"lang": lang, "parts": parts}


def _clip_part(speech, block, lexicon):
    key = speech.key(block, lexicon)
    meta = speech.store.meta(key)
    starts = (meta or {}).get("starts") or []
    if len(starts) != len(block.sentences):
        meta, starts = None, []
    return {
        "block": block.id,
        "section": block.section,
        "audio": f"{key}.ogg" if meta else None,
        "recording": None,
        "duration": meta["duration"] if meta else None,
        "sentences": [{"start": starts[i] if meta else None, "text": s.text}
                      for i, s in enumerate(block.sentences)],
    }


def _recording_part(speech, lang, name, blocks):
    duration = speech.recordings.duration(speech.recordings.folder(lang) / name)
    said = [(b.id, s.text) for b in blocks for s in b.sentences]
    total = sum(len(text) for _, text in said) or 1
    sentences, before = [], 0
    for block_id, text in said:
        share = before / total
        sentences.append({"start": round(share * duration, 2) if duration else None,
                          "share": round(share, 4), "block": block_id, "text": text})
        before += len(text)
    return {
        "block": blocks[0].id,
        "blocks": [b.id for b in blocks],
        "section": blocks[0].section,
        "audio": None,
        "recording": f"{lang}/{name}",
        "duration": duration,
        "sentences": sentences,
    }
