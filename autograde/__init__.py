"""autograde: teach deep learning by exercises and grade them safely.

The data's way through the package, one folder a step:

``loaders``   a path becomes a :class:`~autograde.loaders.Submission` (module sources);
``sandbox``   the submission's code runs in a forked, limited child process;
``plugin``    pytest graders reach that child through the ``student`` proxy;
``compare``   one comparison helper and one failure-message format;
``results``   what happened, as versioned, complete data (JSON);
``reporters`` results shown to people (terminal table, JSON file);
``cli``       the ``autograde`` command, thin over :mod:`autograde.grading`.
"""

__version__ = "0.1.0"
