from . import bo_transport_document
