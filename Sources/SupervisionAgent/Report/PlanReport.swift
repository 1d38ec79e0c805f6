import Supervision

/// A self-contained HTML page of one plan version: a month calendar of the visits (joint
/// visits with their departments, single visits counted), the consent of every participant,
/// and the figures people ask for first (visits saved, plan hash).
///
/// Pure: the same ``PlanView`` gives the same bytes. Holds no personal data (inspectors appear
/// as counts per department, as in the plan).
public enum PlanReport {
    /// Colours of the departments, stable across reports; others get grey.
    static let colours: [String: String] = [
        "market": "#1f77b4", "fire": "#d62728", "culture": "#9467bd", "education": "#2ca02c",
        "civil": "#8c564b", "health": "#e377c2", "police": "#17becf", "sports": "#bcbd22",
    ]

    /// Renders `view` as an HTML page.
    public static func html(_ view: PlanView) -> String {
        let plan = view.plan
        var byDay: [CivilDate: [VisitRecord]] = [:]
        for visit in plan.visits { byDay[visit.date, default: []].append(visit) }
        let dates = plan.visits.map(\.date)
        var page = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8">
            <title>Plan \(escape(plan.planId)) v\(plan.version)</title>
            <style>
            body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}
            h1{font-size:1.4em;margin:0 0 .2em} .muted{color:#666} code{font-size:.85em}
            .figures{display:flex;gap:2em;margin:1em 0}.figures div{background:#f4f4f4;padding:.6em 1em;border-radius:6px}
            .figures b{display:block;font-size:1.5em}
            table.month{border-collapse:collapse;margin:1em 0 2em;width:100%;table-layout:fixed}
            .month th{background:#eee;padding:.3em}.month td{border:1px solid #ddd;vertical-align:top;height:6em;padding:.2em}
            .month td.off{background:#fafafa}.day{font-weight:bold;color:#555}
            .visit{margin:.15em 0;padding:.1em .3em;border-radius:4px;background:#fff7e0;border:1px solid #e8c76a;font-size:.8em}
            .chip{display:inline-block;width:.8em;height:.8em;border-radius:50%;margin-right:2px;vertical-align:middle}
            .single{font-size:.75em;color:#777}
            table.consent td,table.consent th{padding:.2em .8em;text-align:left}
            </style></head><body>
            <h1>Joint inspection plan \(escape(plan.planId)), version \(plan.version)</h1>
            <div class="muted">period \(escape(plan.period)) · lead \(escape(plan.lead)) · state <b>\(escape(view.state.rawValue))</b>\
            \(view.superseded ? " (superseded)" : "") · hash <code>\(escape(plan.planHash))</code></div>
            <div class="figures">
            <div><b>\(view.intentCount)</b>intents</div>
            <div><b>\(view.visitCount)</b>visits</div>
            <div><b>\(plan.visits.filter { $0.participants.count > 1 }.count)</b>joint visits</div>
            <div><b>\(view.visitsSaved)</b>visits saved</div>
            </div>
            <p>\(plan.participants.map { chip($0) + escape($0) }.joined(separator: " &nbsp; "))</p>
            <table class="consent"><tr><th>participant</th><th>consent</th><th>reason</th></tr>
            """
        for consent in view.consent {
            page += "<tr><td>\(chip(consent.department))\(escape(consent.department))</td>"
            page += "<td>\(escape(consent.state.rawValue))</td><td>\(escape(consent.reason ?? ""))</td></tr>\n"
        }
        page += "</table>\n"
        if let first = dates.min(), let last = dates.max() {
            page += months(from: first, to: last, byDay: byDay)
        }
        page += "</body></html>\n"
        return page
    }

    private static func months(from first: CivilDate, to last: CivilDate, byDay: [CivilDate: [VisitRecord]]) -> String {
        var html = ""
        var monthStart = first.adding(days: 1 - first.day)
        while monthStart <= last {
            let nextMonth = monthStart.adding(days: 32).adding(days: 1 - monthStart.adding(days: 32).day)
            let monthEnd = nextMonth.adding(days: -1)
            let gridStart = monthStart.adding(days: 1 - monthStart.weekday.rawValue)
            let gridEnd = monthEnd.adding(days: 7 - monthEnd.weekday.rawValue)
            html += "<h2>\(monthStart.year)-\(pad(monthStart.month))</h2>\n<table class=\"month\"><tr>"
            html += ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"].map { "<th>\($0)</th>" }.joined() + "</tr>"
            var day = gridStart
            while day <= gridEnd {
                if day.weekday == .monday { html += "\n<tr>" }
                if day < monthStart || day > monthEnd {
                    html += "<td class=\"off\"></td>"
                } else {
                    html += "<td><div class=\"day\">\(day.day)</div>\(cell(byDay[day] ?? []))</td>"
                }
                if day.weekday == .sunday { html += "</tr>" }
                day = day.adding(days: 1)
            }
            html += "\n</table>\n"
            monthStart = nextMonth
        }
        return html
    }

    private static func cell(_ visits: [VisitRecord]) -> String {
        let joint = visits.filter { $0.participants.count > 1 }.sorted { $0.inspectionId < $1.inspectionId }
        var html = joint.map { visit in
            "<div class=\"visit\" title=\"\(escape(visit.inspectionId)): \(visit.items.count) items\">"
                + visit.participants.map(chip).joined() + escape(String(visit.entity.suffix(8))) + "</div>"
        }.joined()
        let single = visits.count - joint.count
        if single > 0 { html += "<div class=\"single\">+\(single) single</div>" }
        return html
    }

    private static func chip(_ department: String) -> String {
        "<span class=\"chip\" style=\"background:\(colours[department] ?? "#999")\" title=\"\(escape(department))\"></span>"
    }

    private static func pad(_ number: Int) -> String { number < 10 ? "0\(number)" : "\(number)" }

    /// Escapes text for HTML element content and attribute values.
    static func escape(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
