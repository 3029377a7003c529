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
