from . import (
    account_move,
    bo_carrier_service,
    bo_carrier_transit,
    bo_pickup_manifest,
    bo_transport_document,
    bo_transport_document_line,
    delivery_carrier,
    res_company,
    res_partner,
    sale_order,
    stock_picking,
)
