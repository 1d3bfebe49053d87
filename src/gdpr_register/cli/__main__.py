from gdpr_register.cli import console

console()
