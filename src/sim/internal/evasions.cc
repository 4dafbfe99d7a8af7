// The evasion engine: the disguises real spam uses against keyword filters, each a
// separate transform so that ground truth can say which were applied and the
// interception normalizer can be tested against each one. Transforms act on the
// keywords of the script (EvasionKeywords) or on the URLs of the text; they run in a
// fixed order (URLs, traditional, homoglyph, full-width, pinyin, separator, zero-width)
// so that none undoes another: the later ones insert characters the earlier ones would
// have touched.
#include <algorithm>
#include <array>
#include <vector>

#include "sim/internal/text_templates.h"
#include "sim/text_gen.h"

namespace wuzha::sim {
namespace internal {
namespace {

struct PinyinEntry {
  char32_t cp;
  std::string_view pinyin;
};
// Toneless pinyin, sorted by code point; the reading the keyword uses (银行 hang, 调查 diao).
// clang-format off
constexpr PinyinEntry kPinyin[] = {
    {U'万', "wan"},   {U'下', "xia"},   {U'业', "ye"},    {U'东', "dong"},   {U'中', "zhong"},
    {U'丰', "feng"},  {U'交', "jiao"},  {U'京', "jing"},  {U'人', "ren"},    {U'付', "fu"},
    {U'代', "dai"},   {U'令', "ling"},  {U'件', "jian"},  {U'价', "jia"},    {U'任', "ren"},
    {U'份', "fen"},   {U'众', "zhong"}, {U'会', "hui"},   {U'传', "chuan"},  {U'低', "di"},
    {U'体', "ti"},    {U'作', "zuo"},   {U'佣', "yong"},  {U'保', "bao"},    {U'信', "xin"},
    {U'借', "jie"},   {U'值', "zhi"},   {U'停', "ting"},  {U'偿', "chang"},  {U'储', "chu"},
    {U'充', "chong"}, {U'光', "guang"}, {U'入', "ru"},    {U'全', "quan"},   {U'公', "gong"},
    {U'关', "guan"},  {U'兴', "xing"},  {U'兼', "jian"},  {U'内', "nei"},    {U'农', "nong"},
    {U'冻', "dong"},  {U'出', "chu"},   {U'利', "li"},    {U'刷', "shua"},   {U'券', "quan"},
    {U'务', "wu"},    {U'动', "dong"},  {U'助', "zhu"},   {U'医', "yi"},     {U'协', "xie"},
    {U'单', "dan"},   {U'南', "nan"},   {U'卡', "ka"},    {U'原', "yuan"},   {U'反', "fan"},
    {U'发', "fa"},    {U'取', "qu"},    {U'台', "tai"},   {U'号', "hao"},    {U'合', "he"},
    {U'后', "hou"},   {U'员', "yuan"},  {U'售', "shou"},  {U'商', "shang"},  {U'回', "hui"},
    {U'团', "tuan"},  {U'园', "yuan"},  {U'国', "guo"},   {U'垫', "dian"},   {U'备', "bei"},
    {U'多', "duo"},   {U'大', "da"},    {U'太', "tai"},   {U'套', "tao"},    {U'好', "hao"},
    {U'始', "shi"},   {U'嫌', "xian"},  {U'字', "zi"},    {U'安', "an"},     {U'官', "guan"},
    {U'宝', "bao"},   {U'客', "ke"},    {U'家', "jia"},   {U'密', "mi"},     {U'察', "cha"},
    {U'导', "dao"},   {U'寿', "shou"},  {U'封', "feng"},  {U'局', "ju"},     {U'工', "gong"},
    {U'币', "bi"},    {U'师', "shi"},   {U'带', "dai"},   {U'幕', "mu"},     {U'平', "ping"},
    {U'度', "du"},    {U'建', "jian"},  {U'征', "zheng"}, {U'微', "wei"},    {U'心', "xin"},
    {U'快', "kuai"},  {U'总', "zong"},  {U'息', "xi"},    {U'戏', "xi"},     {U'户', "hu"},
    {U'扣', "kou"},   {U'投', "tou"},   {U'抖', "dou"},   {U'抵', "di"},     {U'押', "ya"},
    {U'担', "dan"},   {U'招', "zhao"},  {U'拼', "pin"},   {U'接', "jie"},    {U'控', "kong"},
    {U'提', "ti"},    {U'携', "xie"},   {U'支', "zhi"},   {U'收', "shou"},   {U'改', "gai"},
    {U'放', "fang"},  {U'政', "zheng"}, {U'数', "shu"},   {U'方', "fang"},   {U'旅', "lv"},
    {U'无', "wu"},    {U'日', "ri"},    {U'易', "yi"},    {U'服', "fu"},     {U'本', "ben"},
    {U'查', "cha"},   {U'校', "xiao"},  {U'案', "an"},    {U'检', "jian"},   {U'款', "kuan"},
    {U'民', "min"},   {U'水', "shui"},  {U'法', "fa"},    {U'注', "zhu"},    {U'洋', "yang"},
    {U'洗', "xi"},    {U'洞', "dong"},  {U'活', "huo"},   {U'流', "liu"},    {U'浦', "pu"},
    {U'消', "xiao"},  {U'涉', "she"},   {U'涨', "zhang"}, {U'淘', "tao"},    {U'清', "qing"},
    {U'游', "you"},   {U'漏', "lou"},   {U'激', "ji"},    {U'点', "dian"},   {U'牛', "niu"},
    {U'猫', "mao"},   {U'现', "xian"},  {U'班', "ban"},   {U'理', "li"},     {U'生', "sheng"},
    {U'用', "yong"},  {U'电', "dian"},  {U'疗', "liao"},  {U'百', "bai"},    {U'皮', "pi"},
    {U'益', "yi"},    {U'监', "jian"},  {U'码', "ma"},    {U'票', "piao"},   {U'移', "yi"},
    {U'程', "cheng"}, {U'税', "shui"},  {U'稳', "wen"},   {U'空', "kong"},   {U'签', "qian"},
    {U'管', "guan"},  {U'粒', "li"},    {U'结', "jie"},   {U'续', "xu"},     {U'缉', "ji"},
    {U'网', "wang"},  {U'美', "mei"},   {U'职', "zhi"},   {U'联', "lian"},   {U'股', "gu"},
    {U'肤', "fu"},    {U'自', "zi"},    {U'航', "hang"},  {U'蓄', "xu"},     {U'藏', "cang"},
    {U'融', "rong"},  {U'行', "hang"},  {U'补', "bu"},    {U'装', "zhuang"}, {U'解', "jie"},
    {U'警', "jing"},  {U'订', "ding"},  {U'议', "yi"},    {U'设', "she"},    {U'证', "zheng"},
    {U'评', "ping"},  {U'诈', "zha"},   {U'调', "diao"},  {U'财', "cai"},    {U'账', "zhang"},
    {U'货', "huo"},   {U'贷', "dai"},   {U'费', "fei"},   {U'资', "zi"},     {U'赔', "pei"},
    {U'赚', "zhuan"}, {U'赞', "zan"},   {U'路', "lu"},    {U'身', "shen"},   {U'转', "zhuan"},
    {U'载', "zai"},   {U'运', "yun"},   {U'返', "fan"},   {U'连', "lian"},   {U'退', "tui"},
    {U'递', "di"},    {U'通', "tong"},  {U'速', "su"},    {U'邮', "you"},    {U'配', "pei"},
    {U'金', "jin"},   {U'钱', "qian"},  {U'铁', "tie"},   {U'银', "yin"},    {U'链', "lian"},
    {U'销', "xiao"},  {U'闭', "bi"},    {U'阁', "ge"},    {U'际', "ji"},     {U'院', "yuan"},
    {U'险', "xian"},  {U'障', "zhang"}, {U'音', "yin"},   {U'顺', "shun"},   {U'额', "e"},
    {U'风', "feng"},  {U'验', "yan"},
};

struct TradEntry {
  char32_t simplified;
  char32_t traditional;
};
// Simplified → traditional for the characters of the templates, sorted by simplified.
// One-to-one: where a simplified character has several traditional forms (发 發/髮) the
// common one; characters whose choice depends on the word (干, 复, 台, 系) are left out.
constexpr TradEntry kTraditional[] = {
    {U'万', U'萬'}, {U'与', U'與'}, {U'专', U'專'}, {U'业', U'業'}, {U'东', U'東'}, {U'丝', U'絲'},
    {U'丢', U'丟'}, {U'两', U'兩'}, {U'严', U'嚴'}, {U'个', U'個'}, {U'丰', U'豐'}, {U'临', U'臨'},
    {U'为', U'為'}, {U'丽', U'麗'}, {U'举', U'舉'}, {U'么', U'麼'}, {U'义', U'義'}, {U'乐', U'樂'},
    {U'习', U'習'}, {U'乡', U'鄉'}, {U'书', U'書'}, {U'买', U'買'}, {U'乱', U'亂'}, {U'争', U'爭'},
    {U'亏', U'虧'}, {U'云', U'雲'}, {U'亚', U'亞'}, {U'产', U'產'}, {U'亲', U'親'}, {U'亿', U'億'},
    {U'仅', U'僅'}, {U'从', U'從'}, {U'仪', U'儀'}, {U'们', U'們'}, {U'价', U'價'}, {U'众', U'眾'},
    {U'优', U'優'}, {U'会', U'會'}, {U'伞', U'傘'}, {U'伟', U'偉'}, {U'传', U'傳'}, {U'伤', U'傷'},
    {U'体', U'體'}, {U'佣', U'傭'}, {U'侦', U'偵'}, {U'债', U'債'}, {U'偿', U'償'}, {U'储', U'儲'},
    {U'儿', U'兒'}, {U'兰', U'蘭'}, {U'关', U'關'}, {U'兴', U'興'}, {U'养', U'養'}, {U'兽', U'獸'},
    {U'内', U'內'}, {U'册', U'冊'}, {U'写', U'寫'}, {U'军', U'軍'}, {U'农', U'農'}, {U'冯', U'馮'},
    {U'决', U'決'}, {U'况', U'況'}, {U'冻', U'凍'}, {U'准', U'準'}, {U'凭', U'憑'}, {U'凯', U'凱'},
    {U'击', U'擊'}, {U'划', U'劃'}, {U'刘', U'劉'}, {U'则', U'則'}, {U'刚', U'剛'}, {U'创', U'創'},
    {U'别', U'別'}, {U'剧', U'劇'}, {U'劝', U'勸'}, {U'办', U'辦'}, {U'务', U'務'}, {U'动', U'動'},
    {U'励', U'勵'}, {U'劳', U'勞'}, {U'势', U'勢'}, {U'区', U'區'}, {U'医', U'醫'}, {U'华', U'華'},
    {U'协', U'協'}, {U'单', U'單'}, {U'卖', U'賣'}, {U'卫', U'衛'}, {U'厅', U'廳'}, {U'历', U'歷'},
    {U'厉', U'厲'}, {U'压', U'壓'}, {U'县', U'縣'}, {U'参', U'參'}, {U'双', U'雙'}, {U'发', U'發'},
    {U'变', U'變'}, {U'叶', U'葉'}, {U'号', U'號'}, {U'后', U'後'}, {U'吗', U'嗎'}, {U'听', U'聽'},
    {U'启', U'啟'}, {U'吴', U'吳'}, {U'员', U'員'}, {U'响', U'響'}, {U'嘱', U'囑'}, {U'团', U'團'},
    {U'园', U'園'}, {U'国', U'國'}, {U'图', U'圖'}, {U'圣', U'聖'}, {U'场', U'場'}, {U'坏', U'壞'},
    {U'块', U'塊'}, {U'坚', U'堅'}, {U'壮', U'壯'}, {U'声', U'聲'}, {U'处', U'處'}, {U'备', U'備'},
    {U'够', U'夠'}, {U'头', U'頭'}, {U'夺', U'奪'}, {U'奖', U'獎'}, {U'妇', U'婦'}, {U'妈', U'媽'},
    {U'婴', U'嬰'}, {U'孙', U'孫'}, {U'学', U'學'}, {U'宁', U'寧'}, {U'宝', U'寶'}, {U'实', U'實'},
    {U'审', U'審'}, {U'宽', U'寬'}, {U'宾', U'賓'}, {U'对', U'對'}, {U'寻', U'尋'}, {U'导', U'導'},
    {U'寿', U'壽'}, {U'将', U'將'}, {U'尔', U'爾'}, {U'尝', U'嘗'}, {U'尽', U'盡'}, {U'届', U'屆'},
    {U'属', U'屬'}, {U'岁', U'歲'}, {U'岗', U'崗'}, {U'币', U'幣'}, {U'帅', U'帥'}, {U'师', U'師'},
    {U'带', U'帶'}, {U'帮', U'幫'}, {U'广', U'廣'}, {U'庄', U'莊'}, {U'庆', U'慶'}, {U'库', U'庫'},
    {U'应', U'應'}, {U'开', U'開'}, {U'异', U'異'}, {U'张', U'張'}, {U'强', U'強'}, {U'归', U'歸'},
    {U'当', U'當'}, {U'录', U'錄'}, {U'征', U'徵'}, {U'忆', U'憶'}, {U'忧', U'憂'}, {U'态', U'態'},
    {U'总', U'總'}, {U'恋', U'戀'}, {U'悦', U'悅'}, {U'惊', U'驚'}, {U'惯', U'慣'}, {U'愿', U'願'},
    {U'戏', U'戲'}, {U'战', U'戰'}, {U'户', U'戶'}, {U'执', U'執'}, {U'扩', U'擴'}, {U'扫', U'掃'},
    {U'扬', U'揚'}, {U'抢', U'搶'}, {U'护', U'護'}, {U'报', U'報'}, {U'担', U'擔'}, {U'拟', U'擬'},
    {U'拥', U'擁'}, {U'拦', U'攔'}, {U'拨', U'撥'}, {U'择', U'擇'}, {U'挂', U'掛'}, {U'损', U'損'},
    {U'换', U'換'}, {U'据', U'據'}, {U'携', U'攜'}, {U'数', U'數'}, {U'断', U'斷'}, {U'无', U'無'},
    {U'旧', U'舊'}, {U'时', U'時'}, {U'显', U'顯'}, {U'晓', U'曉'}, {U'暂', U'暫'}, {U'术', U'術'},
    {U'机', U'機'}, {U'杀', U'殺'}, {U'杂', U'雜'}, {U'权', U'權'}, {U'条', U'條'}, {U'来', U'來'},
    {U'杨', U'楊'}, {U'极', U'極'}, {U'构', U'構'}, {U'枪', U'槍'}, {U'标', U'標'}, {U'树', U'樹'},
    {U'样', U'樣'}, {U'档', U'檔'}, {U'桥', U'橋'}, {U'梦', U'夢'}, {U'检', U'檢'}, {U'楼', U'樓'},
    {U'欢', U'歡'}, {U'欧', U'歐'}, {U'毕', U'畢'}, {U'气', U'氣'}, {U'汇', U'匯'}, {U'汉', U'漢'},
    {U'汤', U'湯'}, {U'没', U'沒'}, {U'浅', U'淺'}, {U'测', U'測'}, {U'济', U'濟'}, {U'浏', U'瀏'},
    {U'涛', U'濤'}, {U'涨', U'漲'}, {U'温', U'溫'}, {U'游', U'遊'}, {U'湾', U'灣'}, {U'湿', U'濕'},
    {U'满', U'滿'}, {U'灭', U'滅'}, {U'灯', U'燈'}, {U'灵', U'靈'}, {U'点', U'點'}, {U'烧', U'燒'},
    {U'热', U'熱'}, {U'爱', U'愛'}, {U'爷', U'爺'}, {U'状', U'狀'}, {U'独', U'獨'}, {U'猪', U'豬'},
    {U'环', U'環'}, {U'现', U'現'}, {U'电', U'電'}, {U'疗', U'療'}, {U'监', U'監'}, {U'盖', U'蓋'},
    {U'盘', U'盤'}, {U'瞩', U'矚'}, {U'码', U'碼'}, {U'硚', U'礄'}, {U'确', U'確'}, {U'礼', U'禮'},
    {U'离', U'離'}, {U'种', U'種'}, {U'积', U'積'}, {U'称', U'稱'}, {U'税', U'稅'}, {U'稳', U'穩'},
    {U'穷', U'窮'}, {U'笔', U'筆'}, {U'签', U'簽'}, {U'简', U'簡'}, {U'类', U'類'}, {U'紧', U'緊'},
    {U'约', U'約'}, {U'级', U'級'}, {U'纪', U'紀'}, {U'纳', U'納'}, {U'纵', U'縱'}, {U'纸', U'紙'},
    {U'线', U'線'}, {U'练', U'練'}, {U'组', U'組'}, {U'细', U'細'}, {U'织', U'織'}, {U'终', U'終'},
    {U'经', U'經'}, {U'绑', U'綁'}, {U'绒', U'絨'}, {U'结', U'結'}, {U'给', U'給'}, {U'络', U'絡'},
    {U'绝', U'絕'}, {U'统', U'統'}, {U'继', U'繼'}, {U'绩', U'績'}, {U'续', U'續'}, {U'综', U'綜'},
    {U'绿', U'綠'}, {U'缉', U'緝'}, {U'编', U'編'}, {U'缴', U'繳'}, {U'网', U'網'}, {U'罗', U'羅'},
    {U'罚', U'罰'}, {U'罢', U'罷'}, {U'职', U'職'}, {U'联', U'聯'}, {U'肤', U'膚'}, {U'胜', U'勝'},
    {U'脑', U'腦'}, {U'腾', U'騰'}, {U'艺', U'藝'}, {U'节', U'節'}, {U'苏', U'蘇'}, {U'荣', U'榮'},
    {U'药', U'藥'}, {U'获', U'獲'}, {U'营', U'營'}, {U'蒋', U'蔣'}, {U'蓝', U'藍'}, {U'虑', U'慮'},
    {U'虚', U'虛'}, {U'虫', U'蟲'}, {U'虽', U'雖'}, {U'补', U'補'}, {U'装', U'裝'}, {U'见', U'見'},
    {U'观', U'觀'}, {U'规', U'規'}, {U'视', U'視'}, {U'览', U'覽'}, {U'觉', U'覺'}, {U'计', U'計'},
    {U'认', U'認'}, {U'讨', U'討'}, {U'让', U'讓'}, {U'训', U'訓'}, {U'议', U'議'}, {U'讯', U'訊'},
    {U'记', U'記'}, {U'讲', U'講'}, {U'许', U'許'}, {U'论', U'論'}, {U'设', U'設'}, {U'访', U'訪'},
    {U'证', U'證'}, {U'评', U'評'}, {U'识', U'識'}, {U'诈', U'詐'}, {U'诉', U'訴'}, {U'诊', U'診'},
    {U'译', U'譯'}, {U'试', U'試'}, {U'诗', U'詩'}, {U'诚', U'誠'}, {U'话', U'話'}, {U'询', U'詢'},
    {U'该', U'該'}, {U'详', U'詳'}, {U'语', U'語'}, {U'误', U'誤'}, {U'说', U'說'}, {U'请', U'請'},
    {U'诺', U'諾'}, {U'读', U'讀'}, {U'谁', U'誰'}, {U'调', U'調'}, {U'谈', U'談'}, {U'谢', U'謝'},
    {U'谱', U'譜'}, {U'贝', U'貝'}, {U'负', U'負'}, {U'贡', U'貢'}, {U'财', U'財'}, {U'责', U'責'},
    {U'败', U'敗'}, {U'账', U'賬'}, {U'货', U'貨'}, {U'质', U'質'}, {U'贫', U'貧'}, {U'购', U'購'},
    {U'贴', U'貼'}, {U'贵', U'貴'}, {U'贷', U'貸'}, {U'贸', U'貿'}, {U'费', U'費'}, {U'资', U'資'},
    {U'赌', U'賭'}, {U'赏', U'賞'}, {U'赔', U'賠'}, {U'赚', U'賺'}, {U'赛', U'賽'}, {U'赞', U'讚'},
    {U'赠', U'贈'}, {U'赢', U'贏'}, {U'赵', U'趙'}, {U'赶', U'趕'}, {U'跃', U'躍'}, {U'车', U'車'},
    {U'轩', U'軒'}, {U'转', U'轉'}, {U'轮', U'輪'}, {U'软', U'軟'}, {U'轻', U'輕'}, {U'载', U'載'},
    {U'较', U'較'}, {U'辆', U'輛'}, {U'辉', U'輝'}, {U'输', U'輸'}, {U'边', U'邊'}, {U'达', U'達'},
    {U'过', U'過'}, {U'运', U'運'}, {U'还', U'還'}, {U'这', U'這'}, {U'进', U'進'}, {U'远', U'遠'},
    {U'违', U'違'}, {U'连', U'連'}, {U'适', U'適'}, {U'选', U'選'}, {U'递', U'遞'}, {U'遗', U'遺'},
    {U'邓', U'鄧'}, {U'邮', U'郵'}, {U'邻', U'鄰'}, {U'郑', U'鄭'}, {U'释', U'釋'}, {U'里', U'裡'},
    {U'针', U'針'}, {U'钢', U'鋼'}, {U'钱', U'錢'}, {U'铁', U'鐵'}, {U'银', U'銀'}, {U'铺', U'鋪'},
    {U'链', U'鏈'}, {U'销', U'銷'}, {U'锁', U'鎖'}, {U'锅', U'鍋'}, {U'错', U'錯'}, {U'镇', U'鎮'},
    {U'长', U'長'}, {U'门', U'門'}, {U'闪', U'閃'}, {U'闭', U'閉'}, {U'问', U'問'}, {U'闯', U'闖'},
    {U'闲', U'閒'}, {U'间', U'間'}, {U'闹', U'鬧'}, {U'闻', U'聞'}, {U'阁', U'閣'}, {U'阅', U'閱'},
    {U'队', U'隊'}, {U'阳', U'陽'}, {U'阵', U'陣'}, {U'阶', U'階'}, {U'际', U'際'}, {U'陆', U'陸'},
    {U'陈', U'陳'}, {U'险', U'險'}, {U'随', U'隨'}, {U'隐', U'隱'}, {U'难', U'難'}, {U'静', U'靜'},
    {U'韩', U'韓'}, {U'页', U'頁'}, {U'顶', U'頂'}, {U'项', U'項'}, {U'顺', U'順'}, {U'须', U'須'},
    {U'顾', U'顧'}, {U'预', U'預'}, {U'领', U'領'}, {U'频', U'頻'}, {U'题', U'題'}, {U'颜', U'顏'},
    {U'额', U'額'}, {U'风', U'風'}, {U'飞', U'飛'}, {U'饭', U'飯'}, {U'饮', U'飲'}, {U'馆', U'館'},
    {U'马', U'馬'}, {U'驱', U'驅'}, {U'驾', U'駕'}, {U'验', U'驗'}, {U'骑', U'騎'}, {U'骗', U'騙'},
    {U'鱼', U'魚'}, {U'鲜', U'鮮'}, {U'鸟', U'鳥'}, {U'鹏', U'鵬'}, {U'黄', U'黃'}, {U'齐', U'齊'},
    {U'龄', U'齡'}, {U'龙', U'龍'},
};
// clang-format on

const std::vector<TradEntry>& ByTraditional() {
  static const std::vector<TradEntry> table = [] {
    std::vector<TradEntry> v(std::begin(kTraditional), std::end(kTraditional));
    std::sort(v.begin(), v.end(),
              [](const TradEntry& a, const TradEntry& b) { return a.traditional < b.traditional; });
    return v;
  }();
  return table;
}

constexpr std::string_view kBrushing[] = {"刷单", "兼职", "返利", "佣金", "日结", "点赞",
                                          "垫付", "返佣", "任务", "好评", "本金", "连单",
                                          "提现", "关注", "补单", "日赚"};
constexpr std::string_view kInvestment[] = {"投资", "理财", "收益",     "稳赚",   "导师", "带单",
                                            "内幕", "股票", "牛股",     "涨停",   "平台", "保本",
                                            "入金", "出金", "数字货币", "原始股", "解套", "体验金"};
constexpr std::string_view kCustomerService[] = {
    "退款", "理赔",     "快递",   "退改签", "改签", "退票", "航班", "征信", "校园贷",
    "注销", "百万保障", "备用金", "赔付",   "订单", "扣费", "补偿", "售后", "会员费"};
constexpr std::string_view kPolice[] = {
    "公安局", "公安", "洗钱", "安全账户", "通缉令",   "资金清查", "清查",     "涉嫌",  "检察院",
    "法院",   "警官", "案件", "传票",     "配合调查", "监管账户", "保密协议", "检察官"};
constexpr std::string_view kLoan[] = {"贷款",   "无抵押", "低息",   "解冻费", "放款",
                                      "额度",   "利息",   "征信",   "下款",   "验资",
                                      "信用卡", "借款",   "保证金", "助贷",   "流水"};
constexpr std::string_view kInsurance[] = {"百万医疗", "医疗保障", "百万保障", "保障", "扣费",
                                           "自动续费", "续费",     "取消",     "保险", "医保",
                                           "关闭",     "退保",     "保费",     "理赔"};
constexpr std::string_view kRomance[] = {"投资", "理财", "平台",   "收益", "漏洞", "稳赚",
                                         "赚钱", "充值", "保证金", "提现", "下注", "风控"};
constexpr std::string_view kGame[] = {"账号", "装备", "游戏",   "交易", "低价", "皮肤", "代充",
                                      "点券", "解封", "保证金", "担保", "回收", "封停", "激活"};
constexpr std::string_view kCommon[] = {"客服", "账户", "银行卡", "银行",    "转账",   "验证码",
                                        "资金", "冻结", "解冻",   "微信",    "支付宝", "链接",
                                        "官方", "下载", "身份证", "工作人员"};

std::span<const std::string_view> OwnKeywords(FraudType type) {
  // In FraudType order.
  static constexpr std::span<const std::string_view> kByType[kFraudTypeCount] = {
      kBrushing, kInvestment, kCustomerService, kPolice, kLoan, kInsurance, kRomance, kGame};
  return kByType[static_cast<size_t>(type)];
}

// A keyword occurrence, as byte offsets into the text.
struct Span {
  size_t begin;
  size_t end;
};

std::string TraditionalOf(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size();) AppendUtf8(out, ToTraditional(DecodeUtf8(s, i)));
  return out;
}

// Non-overlapping occurrences of the keywords or of their traditional forms, in text
// order; at one position the longest keyword wins.
std::vector<Span> FindKeywords(std::string_view text, std::span<const std::string_view> keywords) {
  std::vector<Span> all;
  for (std::string_view kw : keywords) {
    const std::string trad = TraditionalOf(kw);
    for (std::string_view form : {kw, std::string_view(trad)}) {
      for (size_t pos = text.find(form); pos != std::string_view::npos;
           pos = text.find(form, pos + 1)) {
        all.push_back({pos, pos + form.size()});
      }
      if (trad == kw) break;
    }
  }
  std::sort(all.begin(), all.end(), [](const Span& a, const Span& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.end > b.end;
  });
  std::vector<Span> kept;
  for (const Span& s : all) {
    if (kept.empty() || s.begin >= kept.back().end) kept.push_back(s);
  }
  return kept;
}

// Up to `n` of `spans` at random, sorted by position from the end, so that inserting
// into one leaves the offsets of the others valid.
std::vector<Span> Choose(std::vector<Span> spans, size_t n, Rng& rng) {
  n = std::min(n, spans.size());
  for (size_t i = 0; i < n; ++i) std::swap(spans[i], spans[i + rng.Uniform(spans.size() - i)]);
  spans.resize(n);
  std::sort(spans.begin(), spans.end(),
            [](const Span& a, const Span& b) { return a.begin > b.begin; });
  return spans;
}

// Byte offsets between the characters of a span, excluding its two ends.
std::vector<size_t> InnerBoundaries(std::string_view text, Span s) {
  std::vector<size_t> out;
  size_t i = s.begin;
  DecodeUtf8(text, i);
  while (i < s.end) {
    out.push_back(i);
    DecodeUtf8(text, i);
  }
  return out;
}

// Inserts `piece` at each offset (any order).
void InsertAt(std::string& text, std::vector<size_t> offsets, std::string_view piece) {
  std::sort(offsets.rbegin(), offsets.rend());
  for (size_t at : offsets) text.insert(at, piece);
}

bool IsAsciiAlnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

constexpr std::string_view kUrlTlds[] = {
    "com",  "cn",  "net", "top", "xyz",  "vip", "cc",  "site", "shop",   "icu", "club",
    "work", "fun", "ink", "org", "info", "me",  "app", "io",   "online", "tk",  "hk"};

bool IsUrlChar(char c) {
  return IsAsciiAlnum(c) || std::string_view("-._~:/?#=&%+").find(c) != std::string_view::npos;
}

// Whether an ASCII run is a URL: a scheme, "www.", or a host ending in a known TLD.
bool LooksLikeUrl(std::string_view run) {
  if (run.starts_with("http://") || run.starts_with("https://") || run.starts_with("www.")) {
    return true;
  }
  const std::string_view host = run.substr(0, run.find_first_of("/?#"));
  const size_t dot = host.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return false;
  const std::string_view tld = host.substr(dot + 1);
  return std::find(std::begin(kUrlTlds), std::end(kUrlTlds), tld) != std::end(kUrlTlds);
}

// One URL rewritten: dots of the host as "点" or "[.]", and/or every character spaced out.
std::string RewriteUrl(std::string_view url, bool spaced, bool dot_word, std::string_view dot,
                       Rng& rng, uint32_t* applied) {
  std::string_view rest = url;
  std::string_view scheme;
  if (const size_t p = url.find("://"); p != std::string_view::npos) {
    scheme = url.substr(0, p + 3);
    rest = url.substr(p + 3);
  }
  const size_t host_end = std::min(rest.find_first_of("/?#"), rest.size());
  std::vector<std::string> tokens;
  for (size_t i = 0; i < rest.size(); ++i) {
    if (dot_word && i < host_end && rest[i] == '.') {
      tokens.emplace_back(dot);
      *applied |= kEvasionDotWord;
    } else {
      tokens.emplace_back(1, rest[i]);
    }
  }
  std::string out;
  // Spammers drop the scheme when they disguise a link; keep it now and then.
  if (!spaced && !(dot_word && rng.Chance(0.5))) out += scheme;
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (spaced && i > 0) out += ' ';
    out += tokens[i];
  }
  if (spaced && tokens.size() > 1) *applied |= kEvasionSpacedUrl;
  return out;
}

char32_t HomoglyphOf(char32_t cp, Rng& rng) {
  switch (cp) {
    case 'a': return U'а';
    case 'c': return U'с';
    case 'e': return U'е';
    case 'o': return rng.Chance(0.5) ? U'о' : U'0';
    case 'p': return U'р';
    case 'x': return U'х';
    case 'A': return U'А';
    case 'C': return U'С';
    case 'E': return U'Е';
    case 'O': return rng.Chance(0.5) ? U'О' : U'0';
    case 'P': return U'Р';
    case 'X': return U'Х';
    case 'l': return U'1';
    case '0': return rng.Chance(0.5) ? U'O' : U'〇';
    case '1': return rng.Chance(0.5) ? U'l' : U'①';
    case U'零': return U'〇';
    default: return cp;
  }
}

}  // namespace

std::string_view PinyinOf(char32_t cp) {
  for (char32_t c : {cp, ToSimplified(cp)}) {
    const auto* it = std::lower_bound(std::begin(kPinyin), std::end(kPinyin), c,
                                      [](const PinyinEntry& e, char32_t x) { return e.cp < x; });
    if (it != std::end(kPinyin) && it->cp == c) return it->pinyin;
  }
  return "";
}

char32_t ToTraditional(char32_t cp) {
  const auto* it =
      std::lower_bound(std::begin(kTraditional), std::end(kTraditional), cp,
                       [](const TradEntry& e, char32_t x) { return e.simplified < x; });
  return it != std::end(kTraditional) && it->simplified == cp ? it->traditional : cp;
}

char32_t ToSimplified(char32_t cp) {
  const std::vector<TradEntry>& t = ByTraditional();
  const auto it = std::lower_bound(
      t.begin(), t.end(), cp, [](const TradEntry& e, char32_t x) { return e.traditional < x; });
  return it != t.end() && it->traditional == cp ? it->simplified : cp;
}


bool IsHan(char32_t cp) {
  return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
         (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x2FFFF);
}

bool EvadePinyin(std::string& text, std::span<const std::string_view> keywords, Rng& rng) {
  bool changed = false;
  for (const Span& s : Choose(FindKeywords(text, keywords), 1 + rng.Uniform(2), rng)) {
    // (end offset of a character, its pinyin) for the characters the table knows.
    std::vector<std::pair<size_t, std::string_view>> spots;
    for (size_t i = s.begin; i < s.end;) {
      const std::string_view py = PinyinOf(DecodeUtf8(text, i));
      if (!py.empty()) spots.emplace_back(i, py);
    }
    if (spots.empty()) continue;
    const auto& [at, py] = spots[rng.Uniform(spots.size())];
    text.insert(at, "(" + std::string(py) + ")");
    changed = true;
  }
  return changed;
}

bool EvadeFullWidth(std::string& text, Rng& rng) {
  std::vector<Span> runs;
  for (size_t i = 0; i < text.size();) {
    if (!IsAsciiAlnum(text[i])) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < text.size() && IsAsciiAlnum(text[j])) ++j;
    runs.push_back({i, j});
    i = j;
  }
  if (runs.empty()) return false;
  std::vector<bool> pick(runs.size());
  for (size_t k = 0; k < runs.size(); ++k) pick[k] = rng.Chance(0.6);
  pick[rng.Uniform(runs.size())] = true;
  for (size_t k = runs.size(); k-- > 0;) {
    if (!pick[k]) continue;
    std::string wide;
    for (size_t i = runs[k].begin; i < runs[k].end; ++i) {
      AppendUtf8(wide, static_cast<char32_t>(text[i]) + 0xFEE0);
    }
    text.replace(runs[k].begin, runs[k].end - runs[k].begin, wide);
  }
  return true;
}

bool EvadeZeroWidth(std::string& text, std::span<const std::string_view> keywords, Rng& rng) {
  static constexpr std::string_view kZeroWidth[] = {"\u200B", "\u200C", "\u200D", "\uFEFF"};
  bool changed = false;
  for (const Span& s : Choose(FindKeywords(text, keywords), 1 + rng.Uniform(3), rng)) {
    const std::vector<size_t> inner = InnerBoundaries(text, s);
    if (inner.empty()) continue;
    const size_t must = rng.Uniform(inner.size());
    for (size_t k = inner.size(); k-- > 0;) {
      if (k == must || rng.Chance(0.4)) {
        text.insert(inner[k], kZeroWidth[rng.Uniform(std::size(kZeroWidth))]);
      }
    }
    changed = true;
  }
  return changed;
}

bool EvadeSeparator(std::string& text, std::span<const std::string_view> keywords, Rng& rng) {
  static constexpr std::string_view kSeparators[] = {"-", "*", " ", "·", "|"};
  const std::string_view sep = kSeparators[rng.Uniform(std::size(kSeparators))];
  bool changed = false;
  for (const Span& s : Choose(FindKeywords(text, keywords), 1 + rng.Uniform(2), rng)) {
    const std::vector<size_t> inner = InnerBoundaries(text, s);
    InsertAt(text, inner, sep);
    changed = changed || !inner.empty();
  }
  return changed;
}

bool EvadeHomoglyph(std::string& text, Rng& rng) {
  std::vector<char32_t> cps;
  std::vector<size_t> spots;
  for (size_t i = 0; i < text.size();) {
    const char32_t cp = DecodeUtf8(text, i);
    const bool latin =
        cp < 0x80 &&
        std::string_view("aceopxACEOPXl01").find(static_cast<char>(cp)) != std::string_view::npos;
    if (latin || cp == U'零') spots.push_back(cps.size());
    cps.push_back(cp);
  }
  if (spots.empty()) return false;
  const size_t n = 1 + rng.Uniform(std::min<size_t>(spots.size(), 4));
  for (size_t k = 0; k < n; ++k) {
    const size_t at = spots[rng.Uniform(spots.size())];
    cps[at] = HomoglyphOf(cps[at], rng);
  }
  std::string out;
  for (char32_t cp : cps) AppendUtf8(out, cp);
  const bool changed = out != text;
  text = std::move(out);
  return changed;
}

bool EvadeTraditional(std::string& text, std::span<const std::string_view> keywords, Rng& rng) {
  std::string out;
  if (rng.Chance(0.5)) {
    out = TraditionalOf(text);
  } else {
    size_t from = 0;
    for (const Span& s : FindKeywords(text, keywords)) {
      out.append(text, from, s.begin - from);
      out += TraditionalOf(std::string_view(text).substr(s.begin, s.end - s.begin));
      from = s.end;
    }
    out.append(text, from);
  }
  const bool changed = out != text;
  text = std::move(out);
  return changed;
}

bool EvadeUrls(std::string& text, bool spaced, bool dot_word, Rng& rng, uint32_t* applied) {
  const std::string_view dot = rng.Chance(0.5) ? "点" : "[.]";
  std::string out;
  uint32_t done = 0;
  for (size_t i = 0; i < text.size();) {
    if (!IsUrlChar(text[i])) {
      out += text[i++];
      continue;
    }
    size_t j = i;
    while (j < text.size() && IsUrlChar(text[j])) ++j;
    const std::string_view run = std::string_view(text).substr(i, j - i);
    out +=
        LooksLikeUrl(run) ? RewriteUrl(run, spaced, dot_word, dot, rng, &done) : std::string(run);
    i = j;
  }
  text = std::move(out);
  if (applied != nullptr) *applied |= done;
  return done != 0;
}

}  // namespace internal

std::span<const std::string_view> EvasionKeywords(FraudType type) {
  static const std::array<std::vector<std::string_view>, kFraudTypeCount> lists = [] {
    std::array<std::vector<std::string_view>, kFraudTypeCount> out;
    for (int t = 0; t < kFraudTypeCount; ++t) {
      auto& list = out[t];
      for (std::string_view kw : internal::OwnKeywords(static_cast<FraudType>(t))) {
        list.push_back(kw);
      }
      for (std::string_view kw : internal::kCommon) {
        if (std::find(list.begin(), list.end(), kw) == list.end()) list.push_back(kw);
      }
    }
    return out;
  }();
  return lists[static_cast<size_t>(type)];
}

std::string_view EvasionName(uint32_t kind) {
  switch (kind) {
    case kEvasionPinyin: return "pinyin";
    case kEvasionFullWidth: return "fullwidth";
    case kEvasionZeroWidth: return "zerowidth";
    case kEvasionSeparator: return "separator";
    case kEvasionHomoglyph: return "homoglyph";
    case kEvasionTraditional: return "traditional";
    case kEvasionSpacedUrl: return "spaced_url";
    case kEvasionDotWord: return "dot_word";
    default: return "";
  }
}

std::string ApplyEvasions(std::string_view text, FraudType type, uint32_t kinds, Rng& rng,
                          uint32_t* applied) {
  using namespace internal;  // NOLINT: the transforms
  std::string s(text);
  uint32_t done = 0;
  if (kinds & (kEvasionSpacedUrl | kEvasionDotWord)) {
    EvadeUrls(s, kinds & kEvasionSpacedUrl, kinds & kEvasionDotWord, rng, &done);
  }
  const std::span<const std::string_view> kw = EvasionKeywords(type);
  if ((kinds & kEvasionTraditional) && EvadeTraditional(s, kw, rng)) done |= kEvasionTraditional;
  if ((kinds & kEvasionHomoglyph) && EvadeHomoglyph(s, rng)) done |= kEvasionHomoglyph;
  if ((kinds & kEvasionFullWidth) && EvadeFullWidth(s, rng)) done |= kEvasionFullWidth;
  if ((kinds & kEvasionPinyin) && EvadePinyin(s, kw, rng)) done |= kEvasionPinyin;
  if ((kinds & kEvasionSeparator) && EvadeSeparator(s, kw, rng)) done |= kEvasionSeparator;
  if ((kinds & kEvasionZeroWidth) && EvadeZeroWidth(s, kw, rng)) done |= kEvasionZeroWidth;
  if (applied != nullptr) *applied = done;
  return s;
}

}  // namespace wuzha::sim
