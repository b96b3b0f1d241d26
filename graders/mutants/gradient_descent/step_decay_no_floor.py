"""``drop ** (epoch / epochs_drop)`` without the floor: a smooth curve, not a staircase."""

CAUGHT_BY = "test_step_decay"
MESSAGE = "np.floor"


def step_decay(lr0, epoch, drop=0.5, epochs_drop=10):
    return lr0 * drop ** (epoch / epochs_drop)
