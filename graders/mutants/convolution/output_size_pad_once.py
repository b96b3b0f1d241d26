"""The output size adds the padding once, ``(size + pad - kernel) // stride + 1``,
forgetting that the zeros go on both sides."""

CAUGHT_BY = "test_conv_output_size"
MESSAGE = "size + 2 * pad cells"


def conv_output_size(size, kernel, stride=1, pad=0):
    if size + 2 * pad < kernel:
        raise ValueError("the kernel does not fit")
    return (size + pad - kernel) // stride + 1
