export * from '@stowaway/core'
export * from '@stowaway/version'
