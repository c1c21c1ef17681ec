from . import test_amount_words, test_claim, test_mail_gateway, test_security
