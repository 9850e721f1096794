"""The API adapters: SES v1 and SES v2, each translating names, shapes and error codes
to and from the model (``pytest_ses_verify.model``). Neither imports the other."""
