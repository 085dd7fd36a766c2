UPDATE invoices SET total = round(total);
