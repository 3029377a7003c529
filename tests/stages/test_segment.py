from vnevents.stages.segment import words


def test_sentences_and_words_are_spans_of_the_text(seeds):
    for article in seeds.values():
        assert article.sentences
        for sentence in article.sentences:
            chunk = article.text[sentence.start : sentence.end]
            assert chunk == chunk.strip() and chunk
            tokens = words(article.text, sentence)
            assert tokens and tokens[0].start == sentence.start
            for token in tokens:
                assert article.text[token.start : token.end] == token.text
                assert sentence.start <= token.start < token.end <= sentence.end
        # sentences are in order and never overlap
        ends = [s.end for s in article.sentences]
        starts = [s.start for s in article.sentences]
        assert all(e <= s for e, s in zip(ends, starts[1:]))


def test_multi_syllable_words_are_one_token(seeds):
    article = seeds["001_75dbe35eade5f37d.txt"]
    found = {t.text for s in article.sentences for t in words(article.text, s)}
    assert {"huấn luyện viên", "Ngoại trưởng", "Burkina Faso"} <= found


def test_words_are_segmented_once_and_kept_on_the_sentence(seeds):
    article = seeds["000_80fee103ab6e860c.txt"]
    sentence = article.sentences[1]
    first = words(article.text, sentence)
    assert words(article.text, sentence) is first is sentence.tokens


def test_a_run_with_no_sentence_end_is_cut_into_bounded_pieces():
    # 10 KB of names and triggers with no full stop: one "sentence", whose coding cost grew with
    # the cube of its length (an 8 KB one took 30 s); pieces keep it linear
    from vnevents import analyze
    from vnevents.stages.segment import MAX_SENTENCE_CHARS

    piece = "Nga và Mỹ cùng Trung Quốc tấn công Ukraine, Pháp hỗ trợ Đức "
    article = analyze(piece * (10_000 // len(piece)), date="2024-04-11")
    spans = [(s.start, s.end) for s in article.sentences]
    assert len(spans) > 1 and all(end - start <= MAX_SENTENCE_CHARS for start, end in spans)
    assert all(article.text[start:end] == article.text[start:end].strip() for start, end in spans)
    assert "".join(article.text[start:end] + " " for start, end in spans).strip() == article.text.strip()
    assert article.events


def test_plain_windows_are_segmented_as_underthesea_segments_them():
    from underthesea import word_tokenize

    from vnevents.stages.segment import _plain_window, _segmented

    from ..conftest import EXAMPLES

    text = (EXAMPLES / "000_80fee103ab6e860c.txt").read_text(encoding="utf-8")
    syllables = text.split()
    windows = [" ".join(syllables[i : i + 6]) for i in range(0, len(syllables) - 6, 3)]
    word_tokenize("Hà Nội")  # the model loaded: from here the plain windows take the direct path
    plain = [w for w in windows if _plain_window().fullmatch(w)]
    assert len(plain) > 20 and len(plain) < len(windows)  # both kinds of window are compared
    assert [_segmented(w) for w in windows] == [word_tokenize(w) for w in windows]
    assert any(len(word.split()) > 1 for w in plain for word in _segmented(w))  # words of two syllables made
