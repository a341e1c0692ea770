/// A plan with the certificate that checked it.
public struct CertifiedTransportPlan: Sendable {
    public var plan: TransportPlan
    public var certificate: TransportCertificate

    public init(plan: TransportPlan, certificate: TransportCertificate) {
        self.plan = plan
        self.certificate = certificate
    }
}
