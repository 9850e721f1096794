"""The simulated SES account: DNS, the lifecycle machine, identities, sending.

Pure: nothing here imports botocore or pytest or reads the clock; every function
that needs the time takes ``now``. The API adapters (``pytest_ses_verify.api``)
translate these into each API's names, shapes and error codes.
"""
