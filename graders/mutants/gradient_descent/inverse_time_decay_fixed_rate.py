"""The decay rate 0.1 is written into the body; the ``decay_rate`` argument is ignored."""

CAUGHT_BY = "test_inverse_time_decay"
MESSAGE = "Use the decay_rate argument"


def inverse_time_decay(lr0, epoch, decay_rate=0.1):
    return lr0 / (1 + 0.1 * epoch)
