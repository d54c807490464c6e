#!/usr/bin/python3
"""Writes the 500-rule taxonomy that bench/rca/run.sh times rca-tag with.

    bench/rca/make_taxonomy.py [-o FILE] [--rules N]

The taxonomy is what a large CX team's would look like after a year or two of upkeep: the
rules of examples/taxonomy-en.csv and examples/taxonomy-ja.csv first, then hand-written
rules for billing, payments, delivery, returns, accounts, the app, the website, product
features and devices, support, pricing, churn, stores (place names), privacy and praise, in
English and Japanese, then device-by-problem phrases ("koe mini won't charge", "コエミニが
充電できない") until there are N rules (default 500). Mostly keywords and phrases, about 15%
prefix rules (`crash*`), about 5% simple regular expressions (`error code \\d+`), some rules
with an exclusion, owners from 12 teams.

Deterministic: no randomness, the same bytes on every run. Standard library only. The mix
of kinds is printed on stderr.
"""

import argparse
import collections
import csv
import io
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
EXAMPLES = os.path.join(HERE, "..", "..", "examples")

# The 12 owning teams (the examples use the first 8).
TEAMS = ["finance", "logistics", "identity", "mobile", "customer-care", "pricing", "product",
         "retention", "payments", "platform", "stores", "privacy"]


def kw(tag, pattern, owner, exclude="", negation=""):
    """A keyword, or a phrase when the pattern has a space; a prefix when it ends in '*'."""
    if pattern.endswith("*"):
        kind = "prefix"
    elif " " in pattern:
        kind = "phrase"
    else:
        kind = "keyword"
    return (tag, pattern, kind, exclude, owner, negation)


def rx(tag, pattern, owner, exclude="", negation=""):
    return (tag, pattern, "regex", exclude, owner, negation)


def ph(tag, pattern, owner, exclude="", negation=""):
    """A phrase, also for Japanese patterns (which match as substrings either way)."""
    return (tag, pattern, "phrase", exclude, owner, negation)


def area(tag, owner, words, negation=""):
    """Rules of one tag from a list of patterns; an item may be (pattern, exclude)."""
    rules = []
    for word in words:
        pattern, exclude = word if isinstance(word, tuple) else (word, "")
        rules.append(kw(tag, pattern, owner, exclude, negation))
    return rules


def hand_written():
    r = []
    # --- billing (finance) ----------------------------------------------------------------
    r += area("billing/invoice", "finance", [
        "invoice", "invoic*", "receipt", "receipts", "billing statement", "wrong amount",
        "請求書", "領収書", "請求額", "明細"])
    r += area("billing/unexpected-charge", "finance", [
        "overcharged", "overcharg*", "surcharge", ("hidden fee", "no hidden fee"), "hidden fees",
        "auto renewal", "auto-renew*", "charged for", "引き落とし", "勝手に更新", "自動更新",
        "手数料"])
    r += area("billing/refund", "finance", [
        "reimburs*", "prorat*", "renew*", "money back", "chargeback", "返金されない", "返金手続き"])
    r += [rx("billing/refund", r"refund (of|for) [$¥]?\d+", "finance"),
          rx("billing/double-charge", r"charged (\d+|two|three) times", "finance")]
    r += area("billing/tax", "finance", ["vat", "sales tax", "消費税", "インボイス"])
    # --- payments -------------------------------------------------------------------------
    r += area("payments/method", "payments", [
        "credit card", "debit card", "paypal", "paypay", "apple pay", "google pay", "konbini",
        "bank transfer", "gift card", "cash on delivery", "クレジットカード", "クレカ", "代引き",
        "コンビニ払い", "銀行振込", "ペイペイ", "支払い方法", "後払い"])
    r += area("payments/failed", "payments", [
        "payment failed", "declin*", "card rejected", "payment error", "transaction failed",
        "決済エラー", "決済できない", "カードが使えない", "支払いできない"])
    r += [rx("payments/failed", r"card (was |got )?declined", "payments"),
          rx("payments/coupon", r"(coupon|promo|discount) code (is |was )?(invalid|expired|not working)",
             "payments")]
    r += area("payments/coupon", "payments", [
        "coupon*", "promo code", "voucher*", ("points", "good points"), "クーポン", "ポイント", "ポイント失効"])
    # --- delivery (logistics) -------------------------------------------------------------
    r += area("delivery/carrier", "logistics", [
        "yamato", "sagawa", "japan post", "ups", "fedex", "dhl", "ヤマト運輸", "佐川急便",
        "日本郵便", "配達員", "ドライバー"], negation="no")
    r += area("delivery/damaged", "logistics", [
        "damag*", "crushed box", "broken on arrival", "dented", "arrived broken", "破損",
        "箱が潰れ", "箱がつぶれ", "水濡れ"])
    r += area("delivery/wrong-item", "logistics", [
        "wrong item", "wrong size", "wrong color", "wrong address", "missing item", "missing parts",
        "誤配送", "違う商品", "商品が違う", "部品が足りない", "入っていなかった"])
    r += area("delivery/late", "logistics", [
        ("delay*", "no delay"), "delayed", "behind schedule", "still waiting", "backorder*",
        "入荷待ち", "発送が遅", "到着が遅", "届くまで"])
    r += [rx("delivery/late", r"(late|delayed) (delivery|shipment|order|package)", "logistics"),
          rx("delivery/late", r"\d+ (days|weeks) late", "logistics"),
          rx("delivery/late", r"(\d+|一|二|三)(日|週間)(たっても|経っても|以上)", "logistics")]
    r += area("delivery/options", "logistics", [
        "redeliver*", "delivery window", "time slot", "pickup point", "left at the door",
        "out for delivery", "signature required", ("ship*", "free shipping"), "deliver*", "courier*",
        "parcel*", "packag*", "track*", "再配達", "不在票", "置き配", "時間指定",
        "日時指定", "宅配ボックス", ("送料", "送料無料")], negation="no")
    r += [rx("delivery/options", r"(再配達|時間指定|日時指定)(が|を)?(でき|出来)ない", "logistics")]
    # --- returns (logistics) --------------------------------------------------------------
    r += area("returns/process", "logistics", [
        "return*", "return label", "return window", "restocking fee", "exchang*", "send it back", "rma",
        "返品", ("交換", "交換してもら"), "返送", "返品送料"])
    r += [rx("returns/process", r"(返品|交換)(でき|出来)ない", "logistics")]
    # --- accounts (identity) --------------------------------------------------------------
    r += area("account/verification", "identity", [
        "2fa", "two-factor", "verif*", "verification code", "otp", "one-time code",
        "authent*", "authoriz*", "passw*", "sms code", "認証コード", "二段階認証", "本人確認", "確認コード"], negation="no")
    r += [rx("account/verification", r"(otp|verification code|2fa code|sms) (never|didn'?t|did not) (arrive|come)",
             "identity"),
          rx("account/verification", r"(認証|確認)コードが(届か|来)ない", "identity")]
    r += area("account/security", "identity", [
        ("hack*", "life hack"), "compromised", "suspicious login", "someone logged", "unauthorized", "乗っ取",
        "不正ログイン", "不正利用"])
    r += area("account/settings", "identity", [
        "username", "email change", "change my email", "reset link", ("profile", "low profile"), "account deleted",
        "メールアドレス変更", "登録情報", "ユーザー名", "プロフィール"], negation="no")
    # --- the app (mobile) -----------------------------------------------------------------
    r += area("app/platform", "mobile", [
        "android", "iphone", "ipad", "ios", "app store", "google play", "tablet", "widget",
        "アンドロイド", "アイフォン", "タブレット"], negation="no")
    r += area("app/update", "mobile", [
        ("updat*", "thanks for the update"), "reboot*", "restart*", "new version", "latest version", "reinstall*", "uninstall*", "downgrad*",
        "アップデート", "更新後", "バージョンアップ", "再インストール"], negation="no")
    r += [rx("app/update", r"(ios|android) ?\d+(\.\d+)*", "mobile", negation="no"),
          rx("app/update", r"version \d+\.\d+(\.\d+)?", "mobile", negation="no")]
    r += area("app/crash", "mobile", [
        "force close", "black screen", "white screen", "blank screen", "hangs", "unresponsive",
        "強制終了", "画面が真っ白", "画面が真っ黒", "フリーズ", "起動しない", "開かない"])
    r += area("app/slow", "mobile", [
        "lag*", "laggy", "slow*", "sluggish", "takes ages", "loading forever", "重たい", "動作が遅",
        "読み込みが遅", "もっさり"], negation="")
    r += area("app/notifications", "mobile", [
        ("notif*", "notify me"), "push notification", "too many notifications", "badge", "通知", "プッシュ通知",
        "通知が多", "通知が来ない"], negation="no")
    r += area("app/battery", "mobile", [
        ("battery", "battery life is great"), "recharg*", "drains battery", "battery drain", "overheat*", "電池", "バッテリー",
        "電池の減り", "発熱"])
    # --- the website (platform) -----------------------------------------------------------
    r += area("web/availability", "platform", [
        "outage", "site down", "website down", "downtime", "maintenance", "server error",
        "timeout", "timed out", "time out", "unavailable", "サーバー", "メンテナンス",
        "サイトが重い", "つながらない", "アクセスできない"])
    r += [rx("web/errors", r"error code [a-z]*\d+", "platform"),
          rx("web/errors", r"(http )?(404|500|502|503) (error|page|not found)", "platform"),
          rx("web/errors", r"エラーコード ?[a-z]*\d+", "platform")]
    r += area("web/errors", "platform", [
        ("error*", "user error"), "disconnect*", "bug*", "glitch*", "broken link", "page not found", "something went wrong",
        "エラー", "不具合", "バグ", "表示されない", "文字化け"], negation="")
    r += area("web/browser", "platform", [
        "browser", "chrome", "safari", "firefox", "edge browser", "cookie*", "captcha",
        "ブラウザ", "キャッシュ", "クッキー"], negation="no")
    # --- product features and devices (product) ------------------------------------------
    r += area("product/search", "product", [
        "search*", "filter*", ("sort*", "sort of"), "navigat*", "confus*", "complicat*", "search results", "can't find the product", "検索",
        "絞り込み", "並び替え", "検索結果"], negation="no")
    r += area("product/checkout", "product", [
        "checkout", "check out", "cart", "basket", "order history", "reorder*", "wishlist",
        "favorites", "カート", "注文履歴", "お気に入り", "購入手続き"], negation="no")
    r += area("product/features", "product", [
        "dark mode", "customi*", "font size", "language setting*", "export*", "csv", "dashboard", "reports",
        "offline mode", "sync*", "ダークモード", "文字が小さい", "英語表示", "同期",
        "エクスポート", "ダッシュボード"], negation="no")
    r += area("product/quality", "product", [
        "defect*", "defective", "faulty", "stopped working", "poor quality", "cheap quality",
        "dead on arrival", "malfunction*", "scratch*", "broke*", "flimsy", "不良品", "初期不良",
        "壊れ", "傷があ", "動かない", "すぐ壊れ", "品質が悪い"])
    r += area("product/device", "product", [
        "koe one", "koe mini", "koe hub", "koe cam", "koe buds", "smart speaker", "earbuds",
        "charger", "charging cable", "remote control", "firmware", "pairing", "bluetooth",
        "wi-fi", "wifi", "コエワン", "コエミニ", "コエハブ", "充電器", "ケーブル", "リモコン",
        "ファームウェア", "ペアリング", "ブルートゥース"], negation="no")
    # --- support (customer-care) ----------------------------------------------------------
    r += area("support/channel", "customer-care", [
        "chatbot", "call center", "hotline", "email support", "live chat",
        ("ticket", "concert ticket"), "agent*",
        "operator", "チャットボット", "コールセンター", "オペレーター", ("問い合わせ", "問い合わせ不要"),
        "問い合わせフォーム", "窓口"], negation="no")
    r += area("support/attitude", "customer-care", [
        "rude", "unhelpful", "unprofessional", "arrogant", "dismissive", "condescending",
        "態度が悪い", "失礼", "横柄", "言葉遣い"])
    r += area("support/resolution", "customer-care", [
        "transferr*", "escalat*", "no solution", "not resolved", "unresolved", "runaround",
        "same answer", "copy paste answer", "たらい回し", "解決しない", "解決しなかった",
        "何度も説明"])
    r += area("support/responsiveness", "customer-care", [
        "apolog*", "unanswer*", "no response", "no answer", "no callback", "never responded", "hold music", "waiting time",
        "待ち時間", "対応が遅", "連絡がない", "折り返し"])
    r += [rx("support/responsiveness", r"(waited|on hold) (for )?(over |more than )?\d+ (minutes|mins|hours)",
             "customer-care"),
          rx("support/channel", r"ticket #?\d{4,}", "customer-care", negation="no"),
          rx("support/responsiveness", r"(\d+|何)(時間|日)(も)?待", "customer-care")]
    # --- pricing --------------------------------------------------------------------------
    r += area("price/increase", "pricing", [
        "price increase", "price hike", "raised the price", ("pric*", "fair price"), "pricey", "値上げ",
        "値上がり", "料金改定"])
    r += area("price/plans", "pricing", [
        ("subscri*", "subscribe and save"), "monthly fee", "annual plan", "yearly plan", "free trial", "trial period",
        "discount*", "student discount", "family plan", "月額", "年額", "年間プラン", "割引",
        "無料体験", "無料期間", "学割"], negation="no")
    r += [rx("price/plans", r"[$¥]?\d+ ?(yen|dollars)? (a|per) (month|year)", "pricing", negation="no"),
          rx("price/plans", r"月額 ?\d+ ?円", "pricing", negation="no")]
    r += area("price/expensive", "pricing", [
        "expens*", "overpric*", "afford*", "rip-off", "rip off", "not worth the money", "costs too much", "too pricey", "高すぎ",
        "割高", "コスパが悪い"])
    # --- churn (retention) ----------------------------------------------------------------
    r += area("churn-risk", "retention", [
        "unsubscrib*", "terminat*", "quit*", "close my account", "delete my account", "not renewing",
        "competitor", "switch to", "moving to", "going elsewhere", "last order", "退会",
        "乗り換え", "他社に", "解約手続き", "もう買わない", "二度と"])
    # --- stores (place names) -------------------------------------------------------------
    r += area("stores/location", "stores", [
        ("tokyo", "tokyo disney"), "osaka", "nagoya", "fukuoka", "sapporo", "sendai", "hiroshima", "kyoto",
        "yokohama", "kobe", "shibuya", "shinjuku", "umeda", "tenjin", "ikebukuro", "東京",
        "大阪", "名古屋", "福岡", "札幌", "仙台", "広島", "京都", "横浜", "神戸", "渋谷店",
        "新宿店", "梅田店", "名古屋駅前店", "札幌店", "天神店", "池袋店"], negation="no")
    r += [rx("stores/location", r"(shibuya|shinjuku|umeda|tenjin|ikebukuro) (store|branch|shop)",
             "stores", negation="no")]
    r += area("stores/experience", "stores", [
        "store staff", "cashier*", "queu*", "restock*", "checkout line", "long queue", "parking", "fitting room",
        "in-store pickup", "store hours", "out of stock", "shelves", "店員", "店長", "レジ",
        "駐車場", "試着", "在庫切れ", "品切れ", "営業時間", "店舗受け取り"])
    # --- privacy --------------------------------------------------------------------------
    r += area("privacy/data", "privacy", [
        "consent*", "advert*", "personal data", "personal information", "gdpr", "data breach", "leak*", "sell my data",
        "privacy policy", "個人情報", "情報漏洩", "漏えい", "プライバシー"], negation="no")
    r += area("privacy/marketing", "privacy", [
        ("spam*", "spam folder"), "marketing emails", "newsletter*", "too many emails",
        "opt out", "迷惑メール", "メルマガ", "広告メール", "配信停止"])
    # --- praise (owners by topic) ---------------------------------------------------------
    r += area("praise/general", "product", [
        "love it", "highly recommend", ("recommend*", "wouldn't recommend"), "thank*",
        "perfect*", "impress*", "excellent", "amazing", "awesome",
        "great service", "best app", "最高", "おすすめ", "オススメ", ("満足", "不満足"), "素晴らしい",
        "助かりました"])
    r += area("praise/support", "customer-care", [
        "friendly staff", "polite", "solved my issue", "quick response", "丁寧", "迅速",
        "対応が早", "感じが良"])
    r += area("praise/delivery", "logistics", [
        "arrived early", "well packed", "next day delivery", "梱包が丁寧", "翌日に届", "すぐ届"])
    return r


# Device-by-problem phrases: a hardware CX team's long tail, added until the taxonomy has N
# rules. Each problem has the tag it files under and its owner.
DEVICES_EN = ["koe one", "koe mini", "koe hub", "koe cam", "koe buds", "koe watch", "koe tv",
              "koe remote"]
DEVICES_JA = ["コエワン", "コエミニ", "コエハブ", "コエカム", "コエバズ", "コエウォッチ",
              "コエTV", "コエリモコン"]
PROBLEMS_EN = [("device/charging", "won't charge"), ("device/pairing", "won't pair"),
               ("device/connectivity", "keeps disconnecting"), ("device/power", "won't turn on"),
               ("device/audio", "no sound"), ("device/setup", "setup failed"),
               ("device/battery", "battery dies")]
PROBLEMS_JA = [("device/charging", "が充電できない"), ("device/pairing", "と接続できない"),
               ("device/connectivity", "の接続が切れる"), ("device/power", "の電源が入らない"),
               ("device/audio", "の音が出ない"), ("device/setup", "の初期設定ができない"),
               ("device/battery", "の電池がすぐ切れる")]


def device_rules():
    rules = []
    for i, (tag, problem) in enumerate(PROBLEMS_EN):
        for device in DEVICES_EN:
            rules.append(ph(tag, f"{device} {problem}", "product"))
        for device in DEVICES_JA:
            rules.append(ph(tag, f"{device}{PROBLEMS_JA[i][1]}", "product"))
    return rules


def example_rules():
    """The example taxonomies' rows (comment rows kept: rca-tag skips them, an analyst's
    file has them)."""
    rows = []
    for name in ("taxonomy-en.csv", "taxonomy-ja.csv"):
        with open(os.path.join(EXAMPLES, name), newline="", encoding="utf-8") as f:
            reader = csv.reader(f)
            header = next(reader)
            assert header[:6] == ["tag", "pattern", "kind", "exclude", "owner", "negation"], header
            for row in reader:
                row = (row + [""] * 6)[:6]
                rows.append(tuple(row))
    return rows


def is_rule(row):
    return not row[0].startswith("#") and row[1] != ""


def thin(rules, keep):
    """`keep` of `rules`, in their order: every rule with an exclusion, then the others
    evenly spaced (deterministic)."""
    must = [i for i, rule in enumerate(rules) if rule[3]]
    rest = [i for i, rule in enumerate(rules) if not rule[3]]
    room = max(0, keep - len(must))
    chosen = set(must) | {rest[(j * len(rest)) // room] for j in range(room)} if room else set(must)
    return [rule for i, rule in enumerate(rules) if i in chosen]


def build(n):
    """The example rows, then generated rules up to n rules: every regex, about 15% prefix
    rules in all, keywords and phrases (hand-written first, device phrases after) thinned
    evenly to fill the rest, so every area and team keeps its share."""
    rows = example_rules()
    examples = [row for row in rows if is_rule(row)]
    seen = {(row[0], row[1]) for row in examples}
    pool = [rule for rule in hand_written() + device_rules() if (rule[0], rule[1]) not in seen]
    need = n - len(examples)
    if need > len(pool):
        sys.exit(f"make_taxonomy.py: only {len(examples) + len(pool)} rules available, asked for {n}")
    regex = [rule for rule in pool if rule[2] == "regex"][:need]
    prefix = [rule for rule in pool if rule[2] == "prefix"]
    want_prefix = round(0.15 * n) - sum(1 for row in examples if row[2] == "prefix")
    prefix = thin(prefix, max(0, min(len(prefix), want_prefix, need - len(regex))))
    words = [rule for rule in pool if rule[2] in ("keyword", "phrase")]
    words = thin(words, need - len(regex) - len(prefix))
    chosen = set(regex) | set(prefix) | set(words)
    extra = [rule for rule in pool if rule in chosen]
    if len(examples) + len(extra) != n:
        sys.exit(f"make_taxonomy.py: cannot make exactly {n} rules (the examples, every regex "
                 f"and every rule with an exclusion come to {len(examples) + len(extra)})")
    out, section = list(rows), None
    for rule in extra:
        top = rule[0].split("/")[0]
        if top != section:
            out.append((f"# {top} (generated)", "", "", "", "", ""))
            section = top
        out.append(rule)
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-o", "--output", help="file to write (default: standard output)")
    parser.add_argument("--rules", type=int, default=500, help="rules in the taxonomy (default 500)")
    args = parser.parse_args()
    rows = build(args.rules)
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(["tag", "pattern", "kind", "exclude", "owner", "negation"])
    writer.writerows(rows)
    if args.output:
        with open(args.output, "w", encoding="utf-8", newline="") as f:
            f.write(text.getvalue())
    else:
        sys.stdout.write(text.getvalue())
    rules = [row for row in rows if is_rule(row)]
    kinds = collections.Counter(row[2] for row in rules)
    japanese = sum(1 for row in rules if any(ord(c) > 0x3000 for c in row[1]))
    owners = sorted({row[4] for row in rules})
    unknown = set(owners) - set(TEAMS)
    assert not unknown, unknown
    print(f"make_taxonomy.py: {len(rules)} rules: "
          + ", ".join(f"{kind} {kinds[kind]} ({100 * kinds[kind] / len(rules):.0f}%)"
                      for kind in ("keyword", "phrase", "prefix", "regex"))
          + f"; {japanese} Japanese; {sum(1 for row in rules if row[3])} with an exclusion; "
          f"{len(owners)} owners", file=sys.stderr)


if __name__ == "__main__":
    main()
