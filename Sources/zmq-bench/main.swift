import ZeroMQ
let context = try Context()
let pull = try context.makeSocket(.pull)
try pull.bind("inproc://x")
let push = try context.makeSocket(.push)
try push.connect("inproc://x")
let payload = [UInt8](repeating: 3, count: 4096)
for i in 0..<1000 { try push.send([Array("a\(i)".utf8), payload, Array("z\(i)".utf8)]) }
let clock = ContinuousClock()
var t = clock.now
for _ in 0..<300 { _ = try pull.receive(timeoutMilliseconds: 1000) }
print("timeout-receive", clock.now - t)
t = clock.now
for _ in 0..<300 { _ = try pull.receive(dontWait: true) }
print("dontwait", clock.now - t)
t = clock.now
var m: Message? = nil
for _ in 0..<300 { m = try pull.receive(dontWait: false); _ = m!.strings }
print("strings", clock.now - t)
