// gen-responses: deterministic generator of realistic customer-feedback survey responses.
//
// It makes the bundled example file and the 10-million-row benchmark input (about 800 MB of
// CSV). The data is shaped so that every koe tool has something real to find: NPS differs
// clearly by plan, drifts slowly over the year, dips a little on some channels and regions;
// CSAT and CES follow the score; comments in English and Japanese name root causes that
// match the score (detractors complain about billing, delivery, login, crashes, support,
// price, UI; promoters praise), with negations, full-width and half-width forms, commas,
// quotes and the odd line break; and there are blanks, "N/A" answers and a few invalid ones.
//
// Usage: gen-responses [--rows N] [--seed S] [--format csv|ndjson] [--quoted]
//
//   --rows N         number of responses (default 3000)
//   --seed S         unsigned 64-bit seed (default 1)
//   --format F       csv (RFC 4180, LF line ends, header first) or ndjson (default csv)
//   --quoted         CSV: every comment quoted, most with commas, quotes or a line break
//                    (as real comment columns are); the other fields are unchanged
//   -h, --help       show this text
//
// Output goes to standard output. Columns, in order:
//   id,date,channel,region,plan,score,csat,ces,weight,comment
//
// Example: gen-responses --rows 10000000 --seed 7 > responses.csv
//
// Determinism: the output is byte-identical for the same arguments on every platform. The
// generator uses its own PRNG (splitmix64 seeding xoshiro256**), integer-only sampling and
// integer-only formatting; row i depends only on (seed, i), so shards can be generated
// independently and concatenated.

#include <array>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <span>
#include <string_view>

#ifdef _WIN32
#include <fcntl.h>
#include <io.h>
#endif

namespace {

using std::string_view;

constexpr string_view kUsage =
    "Usage: gen-responses [--rows N] [--seed S] [--format csv|ndjson] [--quoted]\n"
    "\n"
    "Writes deterministic, realistic customer-feedback survey responses to standard output.\n"
    "\n"
    "Options:\n"
    "  --rows N      number of responses (default 3000)\n"
    "  --seed S      unsigned 64-bit seed (default 1); same arguments, same bytes\n"
    "  --format F    csv (RFC 4180, LF line ends, header first) or ndjson (default csv)\n"
    "  --quoted      CSV: every comment quoted, most with commas, quotes or a line break\n"
    "  -h, --help    show this text\n"
    "\n"
    "Columns: id,date,channel,region,plan,score,csat,ces,weight,comment\n"
    "\n"
    "Example:\n"
    "  gen-responses --rows 10000000 --seed 7 > responses.csv\n";

// ---------------------------------------------------------------------------------------
// Random numbers

// splitmix64 (Steele, Lea, Flood 2014): used only to spread a seed over xoshiro's state,
// as the xoshiro authors recommend.
constexpr uint64_t splitmix64(uint64_t& state) {
    uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

constexpr uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

// xoshiro256** (Blackman, Vigna 2018). One generator per row, seeded from (seed, row id),
// so a row's content never depends on the rows before it.
class Rng {
public:
    Rng(uint64_t seed, uint64_t row) {
        // The odd multiplier scatters consecutive row ids over splitmix64's input space, so
        // the short splitmix64 runs that seed different rows do not overlap in practice.
        uint64_t state = seed ^ (row * 0xD1B54A32D192ED03ULL);
        for (auto& word : s_) word = splitmix64(state);
    }

    uint64_t next() {
        const uint64_t result = rotl(s_[1] * 5, 7) * 9;
        const uint64_t t = s_[1] << 17;
        s_[2] ^= s_[0];
        s_[3] ^= s_[1];
        s_[1] ^= s_[2];
        s_[0] ^= s_[3];
        s_[2] ^= t;
        s_[3] = rotl(s_[3], 45);
        return result;
    }

    // Uniform in [0, n) by multiply-shift on the top 32 bits (Lemire): the bias is below
    // n / 2^32, invisible here, and it needs no division and no platform-specific 128-bit type.
    uint32_t below(uint32_t n) { return static_cast<uint32_t>(((next() >> 32) * n) >> 32); }

    // True with probability per10k / 10000.
    bool chance(uint32_t per10k) { return below(10000) < per10k; }

private:
    std::array<uint64_t, 4> s_{};
};

// A discrete distribution from integer weights, sampled by walking a cumulative table
// (tables are tiny, so a linear walk beats anything clever).
template <std::size_t N>
struct Dist {
    std::array<uint32_t, N> cumulative{};

    constexpr explicit Dist(const std::array<uint32_t, N>& weights) {
        uint32_t sum = 0;
        for (std::size_t i = 0; i < N; ++i) cumulative[i] = sum += weights[i];
    }

    std::size_t sample(Rng& rng) const {
        const uint32_t u = rng.below(cumulative[N - 1]);
        std::size_t i = 0;
        while (u >= cumulative[i]) ++i;
        return i;
    }
};

template <typename T>
const T& pick(Rng& rng, std::span<const T> items) {
    return items[rng.below(static_cast<uint32_t>(items.size()))];
}

// ---------------------------------------------------------------------------------------
// Segments: names, frequencies and the effects they have on the score

enum Channel { kEmail, kWeb, kApp, kPhone, kChat };
constexpr std::array<string_view, 5> kChannelNames = {"email", "web", "app", "phone", "chat"};
constexpr Dist<5> kChannelDist({35, 25, 20, 12, 8});
// NPS points added per channel; weighted by frequency they average about zero, so the
// per-plan NPS stays where it is set below.
constexpr std::array<int, 5> kChannelNpsShift = {0, 1, 3, -6, -3};

enum Region { kTokyo, kOsaka, kAichi, kFukuoka, kHokkaido, kMiyagi, kHiroshima };
constexpr std::array<string_view, 7> kRegionNames = {"東京", "大阪", "愛知", "福岡",
                                                      "北海道", "宮城", "広島"};
constexpr Dist<7> kRegionDist({34, 20, 13, 10, 9, 7, 7});
constexpr std::array<int, 7> kRegionNpsShift = {0, 0, 0, 4, 0, -4, 0};
// Post-stratification style weights: over-represented cells (Tokyo, free) weigh less.
// Cell weight in hundredths = region factor * plan factor / 100.
constexpr std::array<uint32_t, 7> kRegionWeightFactor = {80, 95, 105, 115, 125, 135, 145};

enum Plan { kFree, kBasic, kPro, kEnterprise };
constexpr std::array<string_view, 4> kPlanNames = {"free", "basic", "pro", "enterprise"};
constexpr Dist<4> kPlanDist({40, 30, 20, 10});
constexpr std::array<uint32_t, 4> kPlanWeightFactor = {85, 100, 120, 165};

// Promoter and detractor shares per plan, in units of 1/10000. NPS = promoters - detractors:
// free -10, basic +15, pro +35, enterprise +50.
constexpr std::array<int, 4> kPlanPromoters = {3000, 4000, 5000, 6000};
constexpr std::array<int, 4> kPlanDetractors = {4000, 2500, 1500, 1000};

// ---------------------------------------------------------------------------------------
// Dates: the year 2026 (not a leap year)

constexpr std::array<int, 12> kDaysInMonth = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

struct Date {
    int month = 0;   // 0..11
    int day = 1;     // 1..31
    int hour = -1;   // -1: a plain date without time
    int minute = 0;
};

Date random_date(Rng& rng) {
    Date d;
    int day_of_year = static_cast<int>(rng.below(365));
    while (day_of_year >= kDaysInMonth[d.month]) day_of_year -= kDaysInMonth[d.month++];
    d.day = day_of_year + 1;
    // A few exports carry timestamps; tools must accept both forms in one column.
    if (rng.chance(100)) {
        d.hour = 8 + static_cast<int>(rng.below(14));
        d.minute = static_cast<int>(rng.below(60));
    }
    return d;
}

// Promoter share moved per month, in 1/10000 (detractors move the other way): a slow
// improvement from about -4.4 NPS in January to +4.4 in December, which trend analysis
// should find over the year but not between neighbouring months.
int month_shift(int month) { return (2 * month - 11) * 20; }

// ---------------------------------------------------------------------------------------
// Scores

enum Category { kDetractor, kPassive, kPromoter };

Category draw_category(Rng& rng, Plan plan, Channel channel, Region region, int month) {
    // Each NPS point moves half a percentage point from detractors to promoters.
    const int shift =
        (kChannelNpsShift[channel] + kRegionNpsShift[region]) * 50 + month_shift(month);
    const int promoters = kPlanPromoters[plan] + shift;
    const int detractors = kPlanDetractors[plan] - shift;
    const int u = static_cast<int>(rng.below(10000));
    if (u < detractors) return kDetractor;
    if (u < 10000 - promoters) return kPassive;
    return kPromoter;
}

// Detractors mostly give 5-6; hard zeros are rarer.
constexpr Dist<7> kDetractorScores({4, 2, 3, 5, 8, 12, 16});
constexpr Dist<2> kPassiveScores({45, 55});
constexpr Dist<2> kPromoterScores({45, 55});

int draw_score(Rng& rng, Category category) {
    switch (category) {
        case kDetractor: return static_cast<int>(kDetractorScores.sample(rng));
        case kPassive: return 7 + static_cast<int>(kPassiveScores.sample(rng));
        case kPromoter: return 9 + static_cast<int>(kPromoterScores.sample(rng));
    }
    return 0;
}

// CSAT (1-5) and CES (1-7, 7 = very easy) are drawn conditional on the score band, so they
// correlate with it the way real answers do without being a function of it.
int score_band(int score) { return score <= 3 ? 0 : score <= 6 ? 1 : score <= 8 ? 2 : 3; }

constexpr std::array<Dist<5>, 4> kCsatByBand = {
    Dist<5>({45, 30, 18, 5, 2}), Dist<5>({12, 28, 38, 17, 5}),
    Dist<5>({2, 6, 27, 48, 17}), Dist<5>({1, 2, 8, 37, 52})};
constexpr std::array<Dist<7>, 4> kCesByBand = {
    Dist<7>({30, 25, 20, 13, 7, 3, 2}), Dist<7>({10, 15, 22, 25, 16, 8, 4}),
    Dist<7>({2, 5, 10, 20, 30, 22, 11}), Dist<7>({1, 2, 4, 10, 22, 30, 31})};

// The score field as written: its text, and whether it is a JSON number. Empty text is a
// blank answer.
struct ScoreField {
    string_view text;
    bool numeric = true;
};

constexpr std::array<string_view, 11> kScoreTexts = {"0", "1", "2", "3", "4", "5",
                                                     "6", "7", "8", "9", "10"};
// Out-of-range or non-integer answers that tools must count as invalid.
constexpr std::array<ScoreField, 4> kInvalidScores = {
    {{"11", true}, {"-1", true}, {"7.5", true}, {"ten", false}}};

ScoreField score_field(Rng& rng, int score) {
    const uint32_t u = rng.below(10000);
    if (u < 400) return {"", true};                                    // 4% blank
    if (u < 430) return {(u & 1) ? "N/A" : "n/a", false};             // 0.3% non-answer
    if (u < 440) return kInvalidScores[u & 3];                         // 0.1% invalid
    return {kScoreTexts[score], true};
}

// ---------------------------------------------------------------------------------------
// Comment vocabulary. Phrases carry no final punctuation; closers add it. Root causes are
// indexed by Cause in every per-cause table.

enum Cause { kBilling, kDelivery, kLogin, kCrash, kSupport, kPrice, kUi, kCauseCount };
constexpr int kNoTopic = -1;

constexpr string_view kEnBilling[] = {
    "I was charged twice this month",
    "Double charge on my card and no reply yet",
    "Still waiting for my refund",
    "The refund never arrived",
    "Billing took money after I cancelled",
    "Invoice amount was wrong, again",
    "Charged for a plan I never ordered",
};
constexpr string_view kEnDelivery[] = {
    "Delivery was late by a week",
    "My package never arrived",
    "Order still not delivered",
    "Tracking says delivered but nothing came",
    "Late delivery, and no update from the courier",
    "Shipping is way too slow",
};
constexpr string_view kEnLogin[] = {
    "Can't log in since the last update",
    "Password reset email never comes",
    "My account got locked for no reason",
    "Login fails with \"invalid token\" every time",
    "Locked out of my account twice this week",
    "The 2FA code never arrives, so I can't sign in",
};
constexpr string_view kEnCrash[] = {
    "The app keeps crashing",
    "App crashes on startup",
    "App freezes when I open my orders",
    "It froze during checkout and I lost my cart",
    "Crashes every time I upload a photo",
};
constexpr string_view kEnSupport[] = {
    "Support takes days to answer",
    "Slow support response, waited 3 days",
    "Support said \"soon\" but nothing happened",
    "Nobody from support ever called back",
    "Chat agent closed my ticket without fixing anything",
};
constexpr string_view kEnPrice[] = {
    "Price is too high for what you get",
    "Too expensive compared to others",
    "The price went up again",
    "Way overpriced, cheaper options exist",
};
constexpr string_view kEnUi[] = {
    "The new UI is confusing",
    "Hard to find anything in the menu",
    "Confusing layout, I can't find the settings",
    "Too many steps to do a simple thing",
};
constexpr std::array<std::span<const string_view>, kCauseCount> kEnCauses = {
    kEnBilling, kEnDelivery, kEnLogin, kEnCrash, kEnSupport, kEnPrice, kEnUi};

// Full-width ASCII (ＡＰＰ, ＩＤ, ２) and half-width katakana (ｱﾌﾟﾘ, ｻﾎﾟｰﾄ) appear as real
// users type them, so matchers must normalise before they compare.
constexpr string_view kJaBilling[] = {
    "請求が二重になっていた",
    "返金がまだ届かない",
    "解約したのに請求が来た",
    "二重請求されています",
    "請求額が間違っている",
    "カードに２回請求された",
};
constexpr string_view kJaDelivery[] = {
    "配送が遅い",
    "荷物が届かない",
    "注文から一週間たっても届かない",
    "配達完了なのに荷物がない",
    "配送が遅すぎる",
};
constexpr string_view kJaLogin[] = {
    "ログインできない",
    "パスワードを再設定できない",
    "アカウントがロックされた",
    "ログイン画面から先に進めない",
    "ＩＤとパスワードを入れてもログインできない",
    "\"認証エラー\"と出てログインできない",
};
constexpr string_view kJaCrash[] = {
    "アプリがすぐ落ちる",
    "ｱﾌﾟﾘがすぐ落ちる",
    "ＡＰＰが起動しない",
    "アプリが固まって動かない",
    "アプリが重い,すぐ落ちる",
};
constexpr string_view kJaSupport[] = {
    "サポートの返信が遅い",
    "問い合わせて３日たっても返事がない",
    "ｻﾎﾟｰﾄに電話がつながらない",
    "サポートに「確認します」と言われたまま",
};
constexpr string_view kJaPrice[] = {
    "料金が高い",
    "値上げされて高すぎる",
    "他社より高い",
};
constexpr string_view kJaUi[] = {
    "使い方が分かりにくい",
    "画面が見づらい",
    "設定の場所が分からない",
    "メニューが分かりにくい",
};
constexpr std::array<std::span<const string_view>, kCauseCount> kJaCauses = {
    kJaBilling, kJaDelivery, kJaLogin, kJaCrash, kJaSupport, kJaPrice, kJaUi};

// How often each cause is the one a detractor names, before channel and month adjust it.
constexpr std::array<uint32_t, kCauseCount> kBaseCauseWeights = {20, 18, 15, 14, 15, 10, 8};

// Negations ("not slow", "遅くない") sit among the praise on purpose: a tagger that ignores
// negation tags these promoters with the very causes they deny.
constexpr string_view kEnPraise[] = {
    "Fast delivery, thank you",
    "Delivery was quick and well packed",
    "Support was very helpful",
    "Helpful support, solved my issue in minutes",
    "Easy to use",
    "Really easy to use, even for my parents",
    "Great value for the price",
    "Good value, fair price",
    "Love the app, works great",
    "Everything just works",
    "Delivery was not slow at all",
    "No problem with billing so far",
    "Never had a login issue",
    "The app has not crashed once",
};
constexpr string_view kJaPraise[] = {
    "対応が丁寧で助かりました",
    "使いやすい",
    "とても使いやすいです",
    "配送が早くて助かります",
    "サポートが親切でした",
    "コスパが良い",
    "値段のわりに満足しています",
    "ｱﾌﾟﾘが使いやすい",
    "ＡＰＰの動作が軽い",
    "配送も遅くない",
    "請求も問題ない",
    "ログインで困ったことはない",
    "アプリが落ちることもない",
    "料金も高くない",
};

constexpr string_view kEnComplaintGeneric[] = {
    "Very disappointed", "Terrible experience overall", "Not worth it", "Will not renew"};
constexpr string_view kJaComplaintGeneric[] = {"最悪です", "がっかりしました", "もう使いません"};

// Passives: something good, then a cause. The topic keeps "delivery was fast, but delivery
// was late" from happening.
struct Lead {
    string_view text;
    int topic;
};
constexpr Lead kEnPassiveLeads[] = {
    {"Easy to use", kUi},        {"Delivery was fast", kDelivery},
    {"Support was friendly", kSupport}, {"Good product", kNoTopic},
    {"Nice app", kCrash},        {"Fair price", kPrice},
};
constexpr Lead kJaPassiveLeads[] = {
    {"使いやすいけど、", kUi},        {"配送は早かったけど、", kDelivery},
    {"サポートは親切だけど、", kSupport}, {"機能は十分だけど、", kNoTopic},
    {"値段は安いけど、", kPrice},
};
constexpr string_view kEnPassiveAlone[] = {"It's okay", "Nothing special", "Does the job",
                                           "Fine overall, could be cheaper",
                                           "Average experience"};
constexpr string_view kJaPassiveAlone[] = {"まあまあです", "普通です", "可もなく不可もなく",
                                           "悪くはないが、もう少し安いと嬉しい"};

// Comments no taxonomy rule should tag: they make the untagged share realistic.
constexpr string_view kEnNeutral[] = {"Nothing to add.", "No comment", "ok"};
constexpr string_view kJaNeutral[] = {"特になし", "なし", "特にありません。"};

constexpr string_view kEnNegOpeners[] = {"", "", "", "Honestly, ", "Again: ", "Not happy. "};
constexpr string_view kJaNegOpeners[] = {"", "", "", "また", "正直、"};
constexpr string_view kEnNegClosers[] = {".", ".", "!", ". Please fix.", ". Very disappointed.",
                                         ". Thinking of cancelling."};
constexpr string_view kJaNegClosers[] = {"。", "。", "！", "。困っています。",
                                         "。早く対応してほしい。", "。改善してください。"};
constexpr string_view kEnPosClosers[] = {".", ".", "!", ". Thanks!", ". Keep it up!", " :)"};
constexpr string_view kJaPosClosers[] = {"。", "。", "！", "。ありがとうございます。",
                                         "。これからも使います。"};

// The second line of the rare two-line comment, by category.
constexpr std::array<string_view, 3> kEnSecondLine = {"Please fix this.", "Otherwise fine.",
                                                      "Thanks!"};
constexpr std::array<string_view, 3> kJaSecondLine = {"早く直してください。",
                                                      "それ以外は満足です。",
                                                      "ありがとうございました。"};

// The vocabulary of one language, so the comment builder is written once.
struct Language {
    bool english;
    std::span<const std::span<const string_view>, kCauseCount> causes;
    std::span<const string_view> praise, complaint_generic, neutral;
    std::span<const Lead> passive_leads;
    std::span<const string_view> passive_alone;
    std::span<const string_view> neg_openers, neg_closers, pos_closers;
    std::span<const string_view, 3> second_line;
    string_view period;      // ends the last sentence
    string_view full_stop;   // ends a sentence before another follows
    string_view also;        // joins a second cause
    string_view but;         // joins a passive's lead to its cause
};

constexpr Language kEnglish = {
    .english = true,
    .causes = kEnCauses,
    .praise = kEnPraise,
    .complaint_generic = kEnComplaintGeneric,
    .neutral = kEnNeutral,
    .passive_leads = kEnPassiveLeads,
    .passive_alone = kEnPassiveAlone,
    .neg_openers = kEnNegOpeners,
    .neg_closers = kEnNegClosers,
    .pos_closers = kEnPosClosers,
    .second_line = kEnSecondLine,
    .period = ".",
    .full_stop = ". ",
    .also = ". Also, ",
    .but = ", but ",
};
constexpr Language kJapanese = {
    .english = false,
    .causes = kJaCauses,
    .praise = kJaPraise,
    .complaint_generic = kJaComplaintGeneric,
    .neutral = kJaNeutral,
    .passive_leads = kJaPassiveLeads,
    .passive_alone = kJaPassiveAlone,
    .neg_openers = kJaNegOpeners,
    .neg_closers = kJaNegClosers,
    .pos_closers = kJaPosClosers,
    .second_line = kJaSecondLine,
    .period = "。",
    .full_stop = "。",
    .also = "。それに",
    .but = "",  // the Japanese leads end in けど、 already
};

// ---------------------------------------------------------------------------------------
// Building a comment in a fixed buffer (no allocation per row)

class Text {
public:
    void add(string_view s) {
        // Phrases are short and a comment holds at most a handful, so this never truncates;
        // the clamp only keeps a future edit of the tables from overrunning the buffer.
        const std::size_t n = s.size() < sizeof(data_) - len_ ? s.size() : sizeof(data_) - len_;
        std::memcpy(data_ + len_, s.data(), n);
        len_ += n;
    }

    // Appends an English phrase that continues a sentence: "Can't log in" -> "can't log in",
    // but "I was charged" and "UI is confusing" keep their capitals.
    void add_continued(string_view s) {
        const std::size_t start = len_;
        add(s);
        if (len_ - start >= 2 && is_upper(data_[start]) && is_lower(data_[start + 1]))
            data_[start] = static_cast<char>(data_[start] - 'A' + 'a');
    }

    void clear() { len_ = 0; }
    string_view view() const { return {data_, len_}; }
    bool empty() const { return len_ == 0; }

private:
    static bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
    static bool is_lower(char c) { return c >= 'a' && c <= 'z'; }

    char data_[1024];
    std::size_t len_ = 0;
};

// Which cause a detractor names. Channel and month tilt the mix so that root-cause shares
// differ by segment and period: app users hit crashes, phone users wait on support, and a
// billing incident in September doubles billing complaints.
Cause draw_cause(Rng& rng, Channel channel, int month) {
    std::array<uint32_t, kCauseCount> w = kBaseCauseWeights;
    if (channel == kApp) w[kCrash] += 15;
    if (channel == kPhone) w[kSupport] += 10;
    if (month == 8) w[kBilling] += 20;
    uint32_t total = 0;
    for (uint32_t x : w) total += x;
    uint32_t u = rng.below(total);
    int i = 0;
    while (u >= w[i]) u -= w[i++];
    return static_cast<Cause>(i);
}

void add_cause(Text& out, const Language& lang, Rng& rng, Cause cause, bool continued) {
    const string_view phrase = pick(rng, lang.causes[cause]);
    if (continued && lang.english)
        out.add_continued(phrase);
    else
        out.add(phrase);
}

void build_detractor(Text& out, const Language& lang, Rng& rng, Channel channel, int month) {
    if (rng.chance(1000)) {
        out.add(pick(rng, lang.complaint_generic));
        out.add(lang.period);
        return;
    }
    const string_view opener = pick(rng, lang.neg_openers);
    out.add(opener);
    const Cause first = draw_cause(rng, channel, month);
    add_cause(out, lang, rng, first, opener.ends_with(", ") || opener.ends_with("、"));
    // Some detractors name two causes; multi-label tagging should catch both.
    if (rng.chance(2500)) {
        Cause second = draw_cause(rng, channel, month);
        if (second == first) second = static_cast<Cause>((second + 1) % kCauseCount);
        out.add(lang.also);
        add_cause(out, lang, rng, second, true);
    }
    out.add(pick(rng, lang.neg_closers));
}

void build_passive(Text& out, const Language& lang, Rng& rng, Channel channel, int month) {
    if (rng.chance(4000)) {
        out.add(pick(rng, lang.passive_alone));
        out.add(lang.period);
        return;
    }
    const Lead& lead = pick(rng, lang.passive_leads);
    Cause cause = draw_cause(rng, channel, month);
    if (cause == lead.topic) cause = static_cast<Cause>((cause + 1) % kCauseCount);
    out.add(lead.text);
    out.add(lang.but);
    add_cause(out, lang, rng, cause, true);
    out.add(lang.period);
}

void build_promoter(Text& out, const Language& lang, Rng& rng) {
    out.add(pick(rng, lang.praise));
    if (rng.chance(1500)) {
        out.add(lang.full_stop);
        out.add(pick(rng, lang.praise));
    }
    out.add(pick(rng, lang.pos_closers));
}

// Share of respondents who leave a comment, per category: unhappy customers write more.
constexpr std::array<uint32_t, 3> kCommentRate = {7700, 5700, 6600};

void build_comment(Text& out, Rng& rng, Category category, Channel channel, int month) {
    if (!rng.chance(kCommentRate[category])) return;
    const Language& lang = rng.chance(6000) ? kEnglish : kJapanese;
    if (rng.chance(400)) {
        out.add(pick(rng, lang.neutral));
        return;
    }
    switch (category) {
        case kDetractor: build_detractor(out, lang, rng, channel, month); break;
        case kPassive: build_passive(out, lang, rng, channel, month); break;
        case kPromoter: build_promoter(out, lang, rng); break;
    }
    // About 1% of all rows: a second sentence on its own line, which CSV must quote.
    if (rng.chance(155)) {
        out.add("\n");
        out.add(lang.second_line[category]);
    }
}

// ---------------------------------------------------------------------------------------
// One response

struct Row {
    uint64_t id = 0;
    Date date;
    Channel channel = kEmail;
    Region region = kTokyo;
    Plan plan = kFree;
    ScoreField score;
    int csat = 0;          // 0: blank
    int ces = 0;           // 0: blank
    uint32_t weight = 0;   // hundredths
    Text comment;          // empty: blank
};

uint32_t draw_weight(Rng& rng, Region region, Plan plan) {
    uint32_t w = (kRegionWeightFactor[region] * kPlanWeightFactor[plan] + 50) / 100;
    // A few respondents get a trimmed or raked weight that differs from their cell's.
    if (rng.chance(300)) {
        const uint32_t delta = 1 + rng.below(15);
        w = rng.below(2) ? w + delta : w - delta;
    }
    return w < 40 ? 40 : w > 250 ? 250 : w;
}

// Fills row in a fixed order of draws; that order is part of the output format, so changing
// it changes every file generated from a given seed.
void generate_row(Row& row, uint64_t seed, uint64_t id) {
    Rng rng(seed, id);
    row.id = id;
    row.date = random_date(rng);
    row.channel = static_cast<Channel>(kChannelDist.sample(rng));
    row.region = static_cast<Region>(kRegionDist.sample(rng));
    row.plan = static_cast<Plan>(kPlanDist.sample(rng));

    const Category category = draw_category(rng, row.plan, row.channel, row.region, row.date.month);
    const int score = draw_score(rng, category);
    row.score = score_field(rng, score);
    const int band = score_band(score);
    const int csat = 1 + static_cast<int>(kCsatByBand[band].sample(rng));
    const int ces = 1 + static_cast<int>(kCesByBand[band].sample(rng));
    row.csat = rng.chance(500) ? 0 : csat;
    row.ces = rng.chance(800) ? 0 : ces;
    row.weight = draw_weight(rng, row.region, row.plan);

    row.comment.clear();
    build_comment(row.comment, rng, category, row.channel, row.date.month);
}

// ---------------------------------------------------------------------------------------
// Output: one big buffer flushed with fwrite; all formatting is integer-only.

class Output {
public:
    static constexpr std::size_t kCapacity = 1 << 20;
    // No row comes near this, so checking once per row is enough.
    static constexpr std::size_t kMaxRow = 8192;

    Output() : buf_(std::make_unique<char[]>(kCapacity)) {}

    void reserve_row() {
        if (len_ + kMaxRow > kCapacity) flush();
    }

    void put(char c) { buf_[len_++] = c; }
    void put(string_view s) {
        std::memcpy(buf_.get() + len_, s.data(), s.size());
        len_ += s.size();
    }

    void put_uint(uint64_t v) {
        char digits[20];
        int n = 0;
        do {
            digits[n++] = static_cast<char>('0' + v % 10);
            v /= 10;
        } while (v != 0);
        while (n > 0) put(digits[--n]);
    }

    void put_two_digits(int v) {
        put(static_cast<char>('0' + v / 10));
        put(static_cast<char>('0' + v % 10));
    }

    // Hundredths as a decimal with two places, e.g. 68 -> "0.68".
    void put_hundredths(uint32_t v) {
        put_uint(v / 100);
        put('.');
        put_two_digits(static_cast<int>(v % 100));
    }

    void flush() {
        if (len_ == 0) return;
        if (std::fwrite(buf_.get(), 1, len_, stdout) != len_) write_failed();
        len_ = 0;
    }

    void finish() {
        flush();
        if (std::fflush(stdout) != 0) write_failed();
    }

private:
    [[noreturn]] static void write_failed() {
        // A closed pipe (`| head`) is a normal way to stop reading: end quietly.
        if (errno == EPIPE) std::exit(0);
        std::fprintf(stderr, "gen-responses: write error: %s\n", std::strerror(errno));
        std::exit(1);
    }

    std::unique_ptr<char[]> buf_;
    std::size_t len_ = 0;
};

void put_date(Output& out, const Date& d) {
    out.put("2026-");
    out.put_two_digits(d.month + 1);
    out.put('-');
    out.put_two_digits(d.day);
    if (d.hour >= 0) {
        out.put('T');
        out.put_two_digits(d.hour);
        out.put(':');
        out.put_two_digits(d.minute);
        out.put(":00");
    }
}

// RFC 4180: quote only when the field holds a comma, a double quote or a line break.
// A plain loop, because string_view::find_first_of calls memchr once per character.
bool needs_csv_quotes(string_view s) {
    for (char c : s)
        if (c == ',' || c == '"' || c == '\n' || c == '\r') return true;
    return false;
}

void put_csv_field(Output& out, string_view s) {
    if (!needs_csv_quotes(s)) {
        out.put(s);
        return;
    }
    out.put('"');
    for (char c : s) {
        if (c == '"') out.put('"');
        out.put(c);
    }
    out.put('"');
}

// --quoted: the comment as a quoted field, most of them with what makes CSV
// hard: a quoted phrase, a comma, a second line. Chosen by id, so the rest
// of the row (and every other row) is what the default output has.
void put_quoted_comment(Output& out, const Row& r) {
    if (r.comment.empty()) return;
    out.put('"');
    if (r.id % 4 == 1) out.put("\"\"Re: feedback\"\", ");
    for (char c : r.comment.view()) {
        if (c == '"') out.put('"');
        out.put(c);
    }
    if (r.id % 4 == 0) out.put("\nP.S. thanks, again");
    out.put('"');
}

void put_csv_row(Output& out, const Row& r, bool quoted) {
    out.put_uint(r.id);
    out.put(',');
    put_date(out, r.date);
    out.put(',');
    out.put(kChannelNames[r.channel]);
    out.put(',');
    out.put(kRegionNames[r.region]);
    out.put(',');
    out.put(kPlanNames[r.plan]);
    out.put(',');
    put_csv_field(out, r.score.text);
    out.put(',');
    if (r.csat != 0) out.put_uint(static_cast<uint64_t>(r.csat));
    out.put(',');
    if (r.ces != 0) out.put_uint(static_cast<uint64_t>(r.ces));
    out.put(',');
    out.put_hundredths(r.weight);
    out.put(',');
    if (quoted)
        put_quoted_comment(out, r);
    else
        put_csv_field(out, r.comment.view());
    out.put('\n');
}

// JSON string (RFC 8259): escape quote, backslash and control characters; UTF-8 passes
// through unchanged.
void put_json_string(Output& out, string_view s) {
    static constexpr char kHex[] = "0123456789abcdef";
    out.put('"');
    for (char c : s) {
        const auto u = static_cast<unsigned char>(c);
        switch (c) {
            case '"': out.put("\\\""); break;
            case '\\': out.put("\\\\"); break;
            case '\n': out.put("\\n"); break;
            case '\r': out.put("\\r"); break;
            case '\t': out.put("\\t"); break;
            default:
                if (u < 0x20) {
                    out.put("\\u00");
                    out.put(kHex[u >> 4]);
                    out.put(kHex[u & 15]);
                } else {
                    out.put(c);
                }
        }
    }
    out.put('"');
}

void put_json_small_int(Output& out, int v) {
    if (v == 0)
        out.put("null");
    else
        out.put_uint(static_cast<uint64_t>(v));
}

void put_json_row(Output& out, const Row& r) {
    out.put("{\"id\":");
    out.put_uint(r.id);
    out.put(",\"date\":\"");
    put_date(out, r.date);
    out.put("\",\"channel\":\"");
    out.put(kChannelNames[r.channel]);
    out.put("\",\"region\":\"");
    out.put(kRegionNames[r.region]);
    out.put("\",\"plan\":\"");
    out.put(kPlanNames[r.plan]);
    out.put("\",\"score\":");
    if (r.score.text.empty())
        out.put("null");
    else if (r.score.numeric)
        out.put(r.score.text);
    else
        put_json_string(out, r.score.text);
    out.put(",\"csat\":");
    put_json_small_int(out, r.csat);
    out.put(",\"ces\":");
    put_json_small_int(out, r.ces);
    out.put(",\"weight\":");
    out.put_hundredths(r.weight);
    out.put(",\"comment\":");
    if (r.comment.empty())
        out.put("null");
    else
        put_json_string(out, r.comment.view());
    out.put("}\n");
}

// ---------------------------------------------------------------------------------------
// Command line

enum class Format { kCsv, kNdjson };

struct Options {
    uint64_t rows = 3000;
    uint64_t seed = 1;
    Format format = Format::kCsv;
    bool quoted = false;
};

[[noreturn]] void usage_error(string_view message, string_view value = {}) {
    std::fprintf(stderr, "gen-responses: %.*s%.*s\nTry 'gen-responses --help'.\n",
                 static_cast<int>(message.size()), message.data(), static_cast<int>(value.size()),
                 value.data());
    std::exit(2);
}

// Decimal digits only: strtoull would accept signs, spaces and wrap-around silently.
bool parse_uint64(string_view s, uint64_t& value) {
    if (s.empty() || s.size() > 20) return false;
    uint64_t v = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return false;
        const uint64_t digit = static_cast<uint64_t>(c - '0');
        if (v > (UINT64_MAX - digit) / 10) return false;
        v = v * 10 + digit;
    }
    value = v;
    return true;
}

Options parse_options(int argc, char** argv) {
    Options opt;
    for (int i = 1; i < argc; ++i) {
        string_view arg = argv[i];
        if (arg == "-h" || arg == "--help") {
            std::fwrite(kUsage.data(), 1, kUsage.size(), stdout);
            std::exit(0);
        }
        if (arg == "--quoted") {
            opt.quoted = true;
            continue;
        }
        // Accept both "--rows N" and "--rows=N".
        string_view name = arg;
        string_view value;
        bool has_value = false;
        if (const auto eq = arg.find('='); arg.starts_with("--") && eq != string_view::npos) {
            name = arg.substr(0, eq);
            value = arg.substr(eq + 1);
            has_value = true;
        }
        if (!arg.starts_with("-")) usage_error("unexpected argument: ", arg);
        if (name != "--rows" && name != "--seed" && name != "--format")
            usage_error("unknown option: ", arg);
        if (!has_value) {
            if (i + 1 >= argc) usage_error("missing value for ", name);
            value = argv[++i];
        }
        if (name == "--rows") {
            if (!parse_uint64(value, opt.rows))
                usage_error("--rows needs a whole number, got: ", value);
        } else if (name == "--seed") {
            if (!parse_uint64(value, opt.seed))
                usage_error("--seed needs an unsigned 64-bit whole number, got: ", value);
        } else if (value == "csv") {
            opt.format = Format::kCsv;
        } else if (value == "ndjson") {
            opt.format = Format::kNdjson;
        } else {
            usage_error("--format must be csv or ndjson, got: ", value);
        }
    }
    return opt;
}

}  // namespace

int main(int argc, char** argv) {
    const Options opt = parse_options(argc, argv);
#ifdef _WIN32
    // Text mode would turn LF into CRLF and break byte-identical output.
    _setmode(_fileno(stdout), _O_BINARY);
#endif
    Output out;
    if (opt.format == Format::kCsv)
        out.put("id,date,channel,region,plan,score,csat,ces,weight,comment\n");
    Row row;
    // `id != 0` stops the wrap-around when --rows is the largest 64-bit number.
    for (uint64_t id = 1; id <= opt.rows && id != 0; ++id) {
        generate_row(row, opt.seed, id);
        out.reserve_row();
        if (opt.format == Format::kCsv)
            put_csv_row(out, row, opt.quoted);
        else
            put_json_row(out, row);
    }
    out.finish();
    return 0;
}
