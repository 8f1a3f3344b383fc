import Testing

@Test func placeholderSHBackupTests() {}
