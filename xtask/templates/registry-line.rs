    rule!(__CATEGORY_MODULE__::__RULE_MODULE__),
