# Documents made as documents' own tests make them: the archive takes in every type that declares archive=True.
from documents.tests.conftest import make_document  # noqa: F401
