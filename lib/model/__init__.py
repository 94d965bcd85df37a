"""The data at a meeting's cut-off: the dataset and its snapshot, the review register, the disclosure policy and the
rounding of shares. Imports only from lib.io."""
