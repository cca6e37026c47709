// The SDK's single public entry: every stage and the version core.
export * from '@stowaway/core'
export * from '@stowaway/version'
export * from '@stowaway/pull'
export * from '@stowaway/extract'
export * from '@stowaway/sbom'
export * from '@stowaway/match'
