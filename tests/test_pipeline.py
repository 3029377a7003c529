import pytest

from vnevents import errors
from vnevents.pipeline import STAGES, Pipeline


def test_a_stage_out_of_order_fails_at_start_up():
    coding_first = (STAGES[-1],) + STAGES[:-1]
    with pytest.raises(errors.PipelineError) as caught:
        Pipeline(stages=coding_first)
    assert "coding" in str(caught.value) and "mentions" in str(caught.value)
