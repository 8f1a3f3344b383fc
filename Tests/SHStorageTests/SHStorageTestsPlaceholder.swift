import Testing

@Test func placeholderSHStorageTests() {}
