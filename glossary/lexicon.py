"""Word lists the extractors share: general knowledge of Chinese, not of any one corpus.

Each list is a plain string of words split on white space, so it reads like a dictionary
page and is easy to extend.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words that never start or end a term: particles, pronouns, prepositions, conjunctions,
# adverbs, auxiliaries, measure words and time words.
FUNCTION_WORDS = _words(
    """
    的 地 得 了 着 过 之 在 是 为 和 与 及 或 对 把 被 将 从 向 由 于
    以 让 给 跟 同 等 这 那 其 该 各 每 某 些 个 种 位 家 款 项 次 也
    都 就 而 并 且 但 又 还 则 即 如 像 很 更 最 太 不 没 没有 也是
    就是 还是 都是 而是 只是 已 已经 正在 将会 可以 可能 能够 能 会 要 需要
    应该 我 你 他 她 它 我们 你们 他们 她们 它们 自己 大家 这个 那个 这些
    那些 这种 那种 这样 那样 这类 那类 此类 这款 那款 这项 那项 这套 那套
    一个 一些 一种 一家 一位 一款 一次 有 有的 所 一是 二是 三是 四是 其一 其二
    所有 以及 通过 透过 经由 借由 藉由 作为 包括 例如 比如 其中 对于 关于 因为 所以 如果 虽然
    大量 少量 许多 很多 众多 诸多 多数 少数
    但是 然而 因此 同时 此外 另外 甚至 并且 而且 之后 之前 以后 以前 时 时候
    中 里 上 下 内 外 前 后 年 月 日 号 多 少 大 小 新 老 吗 呢 吧 啊
    呀 哦 么 什么 怎么 如何 为什么 哪些 哪个 谁 非常 特别 比较 十分 真正
    目前 现在 今年 去年 明年 如今 一直 一定 也许 或许 依然 仍然 越来越 来 去
    说 表示 认为 称 到 向 让 用 用于
    """
)

# Function words that may open a longer term as a prefix (大模型, 多模态, 后训练, 过拟合).
TERM_PREFIXES = _words("大 小 新 多 后 前 老 超 过 非 零 预 类")

# Suffixes that make an attribute or a noun of the word before them (生成式, 扩展性,
# 自动化, 轻量型): they open no term.
DERIVING_SUFFIXES = frozenset("式性化型")

# One-character heads that close a term though they are not words alone (智能体, 平台层).
TERM_HEAD_CHARS = _words("层 体 化 式 性 率 度 链 器 端 云 网 图 库 码 元 型 集")

# Words that stand between a term and what precedes it: copulas, speech verbs, job titles
# (OpenAI前首席科学家|伊利亚·苏茨克维尔), time words. Never part of the term on the left of
# a parenthesis.
CONTEXT_WORDS = _words(
    """
    叫 名为 称为 叫做 一项 指出 提出 推出 发布 使用 采用 基于 所谓 即将 旗下
    创始人 联合创始人 首席 科学家 首席执行官 总裁 副总裁 董事长 总经理 负责人
    教授 研究员 分析师 记者 主任 院长 前首席
    """
)

# Last words of organisation names (旷视科技, 蚂蚁集团, 上海人工智能实验室).
ORGANISATION_SUFFIXES = _words(
    """
    信息 公司 基金 大学 数据 智能 科技 网络 证券 资本 软件 银行 集团 实验室
    研究所 研究院
    """
)

# Characters that begin or end no word of their own: particles, pronouns, adverbs. An
# unknown word glued to one (有大, 体将, 更高) is a segmentation slip.
EDGE_CHARS = frozenset(
    "的了着过是在有和与及或对把被将从向为由于以让给跟这那其该每些个也都就而并且但又还则即很更最太不没会要能说吗呢吧啊一"
)

# Job titles and roles that stand right before a person's name in news writing
# (创始人高雪峰, CEO李笛, 分析师卢冠男).
ROLE_WORDS = _words(
    """
    创始人 联合创始人 创办人 董事长 副董事长 总裁 副总裁 总经理 副总经理 首席执行官
    首席技术官 首席科学家 首席运营官 首席财务官 执行董事 董事 合伙人 主席 院长 副院长
    所长 主任 副主任 教授 副教授 研究员 分析师 工程师 科学家 负责人 总监 经理 记者 编辑
    作者 博士 院士 部长 局长 市长 CEO CTO COO CFO CIO VP 总编辑 主编 创始合伙人
    博士生 硕士生 研究生 学生 第一作者 通讯作者 讲师 专家 顾问 发言人 主管 执行官
    副总 研发副总 技术总监 副所长 处长 科长 执行长 总师 总设计师 总工程师 医师 主任医师
    """
)

# Verbs of saying that follow a person's name (徐鹏说, 李彦宏认为).
SPEECH_VERBS = _words("说 表示 认为 指出 称 介绍 透露 坦言 强调 提到 谈到 告诉 回忆 解释 预测")

# The commonest Chinese surnames, which open a name (李 in 李彦宏); surnames that are far
# more often a common word (和, 于, 时, 向, 全, 成, 明 …) are left out.
SURNAMES = frozenset(
    "李王张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛"
    "郝龚邵万钱严覃武戴莫孔汤温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿兰"
    "焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕季裴霍涂苗谷盛曲翁冉骆蓝路游辛靳柴蒙鲍华喻祁"
    "蒲房滕屈饶牟艾尤阳穆卓吉缪简车项芦麦褚娄窦戚岑景卜冷晏席卫柏宗瞿桂"
    "佟臧闵苟邬卞姬仇栾隋刁荣巫寇桑郎甄丛仲虞敖巩佘池麻苑迟邝"
)

# Heads of technical compounds in computing and AI writing (卷积神经网络, 自监督学习,
# 向量检索, 深度学习框架): a compound ending in one is a term even when seen once.
TECH_HEADS = _words(
    """
    模型 大模型 学习 网络 神经网络 算法 数据 数据集 语料 框架 引擎 平台 系统 芯片 集群 架构
    函数 检索 测试 智能 计算 训练 推理 编码 解码 向量 协议 接口 数据库 语言 识别 生成 优化
    部署 存储 模块 机制 云 算力 参数 微调 对齐 蒸馏 剪枝 量化 标注 嵌入 张量 梯度 矩阵 节点
    服务器 处理器 加速器 编译器 操作系统 容器 微服务 中间件 防火墙 加密 哈希 事务 索引
    """
)

# Characters of the standard tables for writing foreign names (萨姆·奥特曼, 马斯克, 亚历山大):
# a run made only of them after a job title is a foreign name.
TRANSLITERATION_CHARS = frozenset(
    "阿埃艾爱安昂奥巴拜班邦贝本比彼宾波伯博布达戴丹道德登迪蒂丁东杜多厄恩尔法凡菲费芬丰弗"
    "福盖甘冈戈格古哈海汉豪赫亨洪胡华霍基吉加贾杰金卡凯坎康柯科克肯孔库夸拉莱赖兰朗劳勒雷"
    "里利莉林琳隆卢鲁伦罗洛吕马迈麦曼芒梅蒙米敏摩莫默姆穆纳奈南内尼涅宁纽努诺欧帕佩蓬皮珀"
    "普奇乔切琴丘萨塞赛桑瑟森沙尚舍什史施斯松苏索塔泰坦汤唐特提图托瓦万威韦维温沃乌伍西希"
    "夏谢辛休雅亚扬耶伊因英尤约泽扎詹朱兹佐惠琼理查玛娜娅丽"
)

# Words that never belong to the term left of a parenthesis: particles, prepositions,
# conjunctions, demonstratives, copulas and speech verbs.
LEFT_STOPWORDS = (FUNCTION_WORDS - TERM_PREFIXES) | CONTEXT_WORDS
EVERYDAY_VERB = 500  # jieba count from which a verb is everyday language
# The last character of a verb that takes its object next (存入, 部署到, 转换成, 分配给):
# what follows such a verb is the object, not the verb's own term.
COMPLEMENTS = "入到至进成为给"
# jieba's parts of speech that introduce a term rather than belong to it, glossed or not
# (通过, a preposition glossed "via").
GRAMMATICAL_TAGS = frozenset({"p", "c", "u", "uj", "r", "m", "q"})
