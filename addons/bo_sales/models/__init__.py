from . import (
    bo_claim,
    bo_claim_sla,
    bo_customer_agreement,
    bo_offer_campaign,
    bo_payment_reminder,
    bo_payment_reminder_plan,
    res_partner,
    sale_order,
    stock_picking,
)
