import Testing

@Test func placeholderSHSQLTests() {}
