/// The one stylesheet of every page, inlined so a page is a single file that loads nothing:
/// system fonts only, a layout that fits a phone, and a print style that drops navigation
/// and spells out where links go.
enum Stylesheet {
    static let css = """
    :root{--fg:#1d2433;--muted:#5b6475;--line:#d9dee7;--bg:#fff;--panel:#f5f7fa;--accent:#1f5fbf;\
    --sev1:#b42318;--sev2:#c4320a;--sev3:#8a5300;--sev4:#4b5565;--bad:#b42318;--good:#1e7d4f;\
    --undetected:#f4c7c3;--uncontained:#fbe3b5;--recovering:#cfe3f7}
    *{box-sizing:border-box}
    body{margin:0;font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;\
    color:var(--fg);background:var(--bg)}
    main{max-width:64rem;margin:0 auto;padding:1.5rem 1.25rem 3rem}
    h1{font-size:1.9rem;line-height:1.2;margin:.2rem 0 .6rem}
    h2{font-size:1.35rem;margin:2.2rem 0 .7rem;padding-bottom:.3rem;border-bottom:1px solid var(--line)}
    h3{font-size:1.12rem;margin:1.5rem 0 .4rem}
    h4,h5,h6{font-size:1rem;margin:1rem 0 .3rem}
    p{margin:.5rem 0}
    a{color:var(--accent)}
    code,pre{font-family:ui-monospace,"SF Mono",Menlo,Consolas,"Liberation Mono",monospace;font-size:.9em}
    pre{background:var(--panel);padding:.75rem;overflow-x:auto;border-radius:4px}
    blockquote{margin:.5rem 0;padding-left:1rem;border-left:3px solid var(--line);color:var(--muted)}
    .site-nav{background:var(--fg)}
    .site-nav ul{list-style:none;margin:0 auto;padding:.6rem 1.25rem;max-width:64rem;display:flex;flex-wrap:wrap;gap:.4rem 1.4rem}
    .site-nav a{color:#fff;text-decoration:none;font-weight:600}
    .site-nav a[aria-current]{text-decoration:underline}
    .eyebrow{color:var(--muted);font-size:.9rem;margin:0;letter-spacing:.02em}
    .badge{display:inline-block;padding:.05rem .55rem;border-radius:999px;font-size:.8rem;font-weight:700;\
    color:#fff;background:var(--sev4);white-space:nowrap}
    .badge.sev1{background:var(--sev1)}.badge.sev2{background:var(--sev2)}.badge.sev3{background:var(--sev3)}
    .badge.status{background:var(--panel);color:var(--fg);border:1px solid var(--line);font-weight:600}
    .lead{font-size:1.1rem;max-width:46rem}.lead p{margin:.4rem 0}
    .key-figures,.progress{font-weight:600;margin:.6rem 0}
    .review-log ul{margin:.2rem 0 .6rem}
    .facts{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1.2rem;margin:1rem 0}
    .facts dt{color:var(--muted)}
    .facts dd{margin:0}
    .facts ul{margin:0;padding-left:1.1rem}
    .tiles{display:grid;grid-template-columns:repeat(auto-fit,minmax(10rem,1fr));gap:.75rem;margin:.5rem 0}
    .tile{background:var(--panel);border:1px solid var(--line);border-radius:6px;padding:.7rem 1rem}
    .tile dt{color:var(--muted);font-size:.85rem}
    .tile dd{margin:0;font-size:1.5rem;font-weight:700}
    .tile dd.unknown{color:var(--muted);font-weight:500}
    .tile .how{font-size:.8rem;color:var(--muted);font-weight:400;display:block}
    .table-scroll{overflow-x:auto}
    table{border-collapse:collapse;width:100%;font-size:.95rem;margin:.5rem 0}
    caption{text-align:left;color:var(--muted);font-size:.85rem;padding:.2rem 0}
    th,td{text-align:left;vertical-align:top;padding:.4rem .6rem;border-bottom:1px solid var(--line)}
    tbody th{font-size:inherit;text-transform:none;letter-spacing:0;color:var(--fg);font-weight:600}
    details{margin:.5rem 0}
    summary{cursor:pointer;color:var(--accent)}
    td>p:first-child{margin-top:0}td>p:last-child{margin-bottom:0}
    th{font-size:.8rem;text-transform:uppercase;letter-spacing:.03em;color:var(--muted)}
    .align-center{text-align:center}.align-right,.num{text-align:right}
    .num{font-variant-numeric:tabular-nums;white-space:nowrap}
    .nowrap{white-space:nowrap}
    .overdue{color:var(--bad);font-weight:700}
    .muted,.empty{color:var(--muted)}
    .empty{font-style:italic}
    figure{margin:1rem 0}
    figure svg{width:100%;height:auto;display:block}
    figcaption{color:var(--muted);font-size:.85rem;margin-top:.3rem}
    .finding{border-left:3px solid var(--line);padding:.1rem 0 .1rem 1rem;margin:1rem 0}
    .finding h4{margin-top:.2rem}
    .evidence{margin:.3rem 0;padding-left:1.2rem}
    .digest{word-break:break-all;font-size:.8em}
    .legend{display:flex;flex-wrap:wrap;gap:.3rem 1.2rem;list-style:none;padding:0;margin:.3rem 0;font-size:.85rem}
    .swatch{display:inline-block;width:.9rem;height:.9rem;border-radius:2px;vertical-align:-.1rem;margin-right:.35rem;\
    border:1px solid var(--line)}
    .chart text{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;font-size:12px;fill:var(--muted)}
    .chart .label{fill:var(--fg)}
    .chart .axis{stroke:var(--muted);stroke-width:1}
    .chart .grid{stroke:var(--line);stroke-width:1}
    .chart .marker{fill:#fff;font-size:11px;font-weight:700}
    .phase-undetected{fill:var(--undetected);background:var(--undetected)}\
    .phase-uncontained{fill:var(--uncontained);background:var(--uncontained)}\
    .phase-recovering{fill:var(--recovering);background:var(--recovering)}
    .ev-attack{fill:var(--sev1);background:var(--sev1)}.ev-detect{fill:var(--accent);background:var(--accent)}\
    .ev-contain{fill:var(--good);background:var(--good)}.ev-other{fill:var(--sev4);background:var(--sev4)}
    .series-0{stroke:var(--sev1);fill:var(--sev1)}.series-1{stroke:var(--accent);fill:var(--accent)}\
    .series-2{stroke:var(--good);fill:var(--good)}
    .series-bg-0{background:var(--sev1)}.series-bg-1{background:var(--accent)}.series-bg-2{background:var(--good)}
    .line{fill:none;stroke-width:2}
    .bar{fill:var(--accent)}
    .filters{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;margin:1rem 0}
    .filters fieldset{border:1px solid var(--line);border-radius:6px;padding:.3rem .7rem .5rem;margin:0}
    .filters legend{font-size:.8rem;color:var(--muted);padding:0 .3rem}
    .filters label{display:inline-block;padding:.1rem .6rem;margin:.15rem .1rem;border:1px solid var(--line);\
    border-radius:999px;cursor:pointer;font-size:.9rem}
    .filter-input{position:absolute;opacity:0;width:1px;height:1px;margin:0}
    table.owners{width:auto;min-width:min(24rem,100%)}
    .summary-line{color:var(--muted);margin:.3rem 0 1rem}
    footer{max-width:64rem;margin:0 auto;padding:1rem 1.25rem 2rem;color:var(--muted);font-size:.8rem}
    @media (max-width:40rem){body{font-size:15px}main{padding:1rem .8rem 2rem}h1{font-size:1.5rem}\
    .facts{gap:.2rem .8rem}th,td{padding:.35rem .4rem}}
    @media print{.site-nav,.filters,.no-print{display:none}main{max-width:none;padding:0}body{font-size:11pt}\
    a{color:inherit}h2,h3,h4{break-after:avoid}tr,figure,.finding,.tile{break-inside:avoid}\
    .table-scroll{overflow:visible}main a[href^="http"]::after{content:" (" attr(href) ")";font-size:.8em;\
    color:var(--muted)}footer{padding:0}}
    """
}
