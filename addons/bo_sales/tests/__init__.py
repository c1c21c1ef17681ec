from . import (
    test_amount_words,
    test_bench_reminder_plan,
    test_claim,
    test_correspondence,
    test_mail_gateway,
    test_offer_campaign,
    test_order_file,
    test_payment_reminder,
    test_security,
)
