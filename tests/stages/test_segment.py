def test_sentences_and_tokens_are_spans_of_the_text(seeds):
    for article in seeds.values():
        assert article.sentences
        for sentence in article.sentences:
            chunk = article.text[sentence.start : sentence.end]
            assert chunk == chunk.strip() and chunk
            for token in sentence.tokens:
                assert article.text[token.start : token.end] == token.text
        # sentences are in order and never overlap
        ends = [s.end for s in article.sentences]
        starts = [s.start for s in article.sentences]
        assert all(e <= s for e, s in zip(ends, starts[1:]))


def test_multi_syllable_words_are_one_token(seeds):
    article = seeds["001_75dbe35eade5f37d.txt"]
    words = {t.text for s in article.sentences for t in s.tokens}
    assert {"huấn luyện viên", "Ngoại trưởng", "Burkina Faso"} <= words
