import HandoffStore

extension Gateway {
    /// The job queue the workers use: only the queue's narrow interface, so that another
    /// queue (PostgreSQL, shared by several gateways) can take the store's place.
    var queue: any JobQueue { store }
}
